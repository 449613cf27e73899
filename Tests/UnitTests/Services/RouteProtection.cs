using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Alexandrite.UnitTests.Services;

/// <summary>What a service's authorization makes of one of its endpoints, read from the endpoint's metadata.</summary>
internal static class RouteProtection
{
    /// <summary>
    /// Whether the endpoint turns an anonymous caller away: it has a policy (from [Authorize], RequireAuthorization or
    /// the fallback policy), no AllowAnonymous, and a user with no identity does not satisfy that policy.
    /// </summary>
    public static async Task<bool> RequiresSignedInUserAsync(IServiceProvider services, Endpoint endpoint)
    {
        if (await PolicyAsync(services, endpoint) is not { } policy)
        {
            return false;
        }

        // In a scope, as for a request: authorization handlers may be scoped services.
        using var scope = services.CreateScope();
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity());
        return !(await scope.ServiceProvider.GetRequiredService<IAuthorizationService>().AuthorizeAsync(anonymous, resource: null, policy)).Succeeded;
    }

    /// <summary>
    /// What an anonymous request to a protected endpoint must get: the cookie handler's redirect to the sign-in page
    /// when the policy's challenge is Shop.Web's cookie and the endpoint is for browsers; otherwise (bearer tokens, or an
    /// endpoint marked as an API with DisableCookieRedirect) a 401.
    /// </summary>
    public static async Task<AnonymousAnswer> AnonymousAnswerAsync(IServiceProvider services, Endpoint endpoint)
    {
        var policy = await PolicyAsync(services, endpoint)
            ?? throw new InvalidOperationException($"{endpoint.DisplayName} lets anonymous callers through.");
        var schemes = services.GetRequiredService<IAuthenticationSchemeProvider>();
        var challenged = policy.AuthenticationSchemes.Count > 0
            ? await Task.WhenAll(policy.AuthenticationSchemes.Select(schemes.GetSchemeAsync))
            : [await schemes.GetDefaultChallengeSchemeAsync()];
        var byCookie = challenged.All(scheme => scheme is not null && typeof(CookieAuthenticationHandler).IsAssignableFrom(scheme.HandlerType));
        var redirectsDisabled = endpoint.Metadata.GetMetadata<IDisableCookieRedirectMetadata>() is not null
            && endpoint.Metadata.GetMetadata<IAllowCookieRedirectMetadata>() is null;
        return byCookie && !redirectsDisabled ? AnonymousAnswer.RedirectToSignIn : AnonymousAnswer.Unauthorized;
    }

    /// <summary>The policy the authorization middleware applies to the endpoint, combined as it combines it; null when it lets anyone in.</summary>
    private static async Task<AuthorizationPolicy?> PolicyAsync(IServiceProvider services, Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || services.GetService<IAuthorizationPolicyProvider>() is not { } provider)
        {
            return null;
        }

        var policy = await AuthorizationPolicy.CombineAsync(
            provider, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
        var requirements = endpoint.Metadata.GetOrderedMetadata<IAuthorizationRequirementData>().SelectMany(data => data.GetRequirements()).ToArray();
        if (requirements.Length == 0)
        {
            return policy;
        }

        var withRequirements = new AuthorizationPolicyBuilder().AddRequirements(requirements);
        return (policy is null ? withRequirements : withRequirements.Combine(policy)).Build();
    }
}
