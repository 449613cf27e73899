using Microsoft.AspNetCore.Routing.Template;

namespace Alexandrite.Shop.Web.Telemetry;

/// <summary>
/// The route template of a path Shop.Web accepts POSTs on (a form action), or null: the browser's spans are named
/// after real routes only, so a page cannot invent span names (and their number stays bounded).
/// </summary>
internal sealed class PostRoutes(EndpointDataSource endpoints)
{
    public string? TemplateOf(string path)
    {
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(HttpMethods.Post) != true
                || endpoint.RoutePattern.RawText is not { } template)
            {
                continue;
            }

            var matcher = new TemplateMatcher(TemplateParser.Parse(template), new RouteValueDictionary());
            if (matcher.TryMatch(path, new RouteValueDictionary()))
            {
                return template.StartsWith('/') ? template : "/" + template;
            }
        }

        return null;
    }
}
