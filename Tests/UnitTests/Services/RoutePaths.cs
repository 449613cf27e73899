using Alexandrite.Contracts;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Alexandrite.UnitTests.Services;

/// <summary>A path that a route pattern matches, so a test can call the route: its parameters filled with valid values.</summary>
internal static class RoutePaths
{
    public static string For(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => ValueOf(pattern, parameter),
            _ => throw new InvalidOperationException($"Unexpected part {part.GetType().Name} in {pattern.RawText}."),
        }))));

    /// <summary>
    /// A value the route's constraints accept, so the request reaches the endpoint and not a 404: a new order id for a
    /// guid, a real operator step for {step}. A parameter it does not know fails loudly, to be taught here.
    /// </summary>
    private static string ValueOf(RoutePattern pattern, RoutePatternParameterPart parameter)
    {
        if (parameter.ParameterPolicies.Any(policy => policy.Content == "guid"))
        {
            return Guid.NewGuid().ToString();
        }

        if (string.Equals(parameter.Name, "step", StringComparison.OrdinalIgnoreCase))
        {
            return OperatorSteps.Targets.Keys.First();
        }

        throw new InvalidOperationException($"No value for {{{parameter.Name}}} in {pattern.RawText}: say in {nameof(RoutePaths)} what a valid one is.");
    }
}
