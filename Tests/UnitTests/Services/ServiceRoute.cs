using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Alexandrite.UnitTests.Services;

/// <summary>One HTTP method of one routed endpoint of a service: what a request can reach.</summary>
internal sealed record ServiceRoute(string Service, string Method, string Pattern, RouteEndpoint Endpoint)
{
    /// <summary>The method of an endpoint that accepts any (no HttpMethodMetadata: MapHealthChecks, Map).</summary>
    public const string AnyMethod = "*";

    /// <summary>Every route of <paramref name="service"/>, one per method its endpoint accepts, in a stable order.</summary>
    public static IReadOnlyList<ServiceRoute> Of(IServiceUnderTest service) =>
        service.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods : [AnyMethod])
                .Select(method => new ServiceRoute(service.Name, method, endpoint.RoutePattern.RawText ?? "", endpoint)))
            .OrderBy(route => route.Pattern, StringComparer.Ordinal).ThenBy(route => route.Method, StringComparer.Ordinal)
            .ToList();

    /// <summary>"service METHOD pattern", as the failure messages list a route.</summary>
    public override string ToString() => $"{Service} {Method} {Pattern}";
}
