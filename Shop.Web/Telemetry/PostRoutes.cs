using Microsoft.AspNetCore.Routing.Template;

namespace Alexandrite.Shop.Web.Telemetry;

/// <summary>
/// The route template of a path Shop.Web accepts POSTs on (a form action), or null: the browser's spans are named
/// after real routes only, so a page cannot invent span names (and their number stays bounded).
/// </summary>
internal sealed class PostRoutes(EndpointDataSource endpoints)
{
    // The routes are fixed once the application has started: their matchers are built on first use, once.
    private readonly Lazy<(TemplateMatcher Matcher, string Template)[]> _routes = new(() => endpoints.Endpoints
        .OfType<RouteEndpoint>()
        .Where(endpoint => endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(HttpMethods.Post) == true)
        .Select(endpoint => endpoint.RoutePattern.RawText)
        .OfType<string>()
        .Select(template => (new TemplateMatcher(TemplateParser.Parse(template), new RouteValueDictionary()), template.StartsWith('/') ? template : "/" + template))
        .ToArray());

    public string? TemplateOf(string path) =>
        _routes.Value.FirstOrDefault(route => route.Matcher.TryMatch(path, new RouteValueDictionary())).Template;
}
