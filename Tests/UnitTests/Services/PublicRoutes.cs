namespace Alexandrite.UnitTests.Services;

/// <summary>
/// The routes anyone may call, each by name as "service METHOD pattern" (* for an endpoint that takes any method).
/// Every other route a service maps must require a signed-in user: putting a route here is a decision to publish it,
/// so say why next to it.
/// </summary>
internal static class PublicRoutes
{
    private static readonly HashSet<string> Routes = new(StringComparer.Ordinal)
    {
        // Probes (the AppHost's health check, an orchestrator's liveness): they answer Healthy or Unhealthy, no details.
        "Shop.Api * /health", "Shop.Api * /alive",
        "Mes.Api * /health", "Mes.Api * /alive",
        "Crm.Api * /health", "Crm.Api * /alive",
        "Shop.Web * /health", "Shop.Web * /alive",

        // Each API's OpenAPI document (MapOpenApi, mapped in every environment by ServiceDefaults' UseDefaultOpenApi).
        // Its Swagger UI on /swagger is middleware (UseSwaggerUI), not an endpoint, so it is not listed here.
        "Shop.Api GET /openapi/{documentName}.json",
        "Mes.Api GET /openapi/{documentName}.json",
        "Crm.Api GET /openapi/{documentName}.json",

        // Shop.Web's way in: the landing page, signing in and out, and the page a refused user is sent to. A Razor
        // page's endpoint takes POST as well as GET (Blazor's form handling, antiforgery-checked), so "/" and
        // "/forbidden" answer a POST too; POST /signin is both the sign-in form's handler and its page's endpoint.
        "Shop.Web GET /", "Shop.Web POST /",
        "Shop.Web GET /signin", "Shop.Web POST /signin",
        "Shop.Web POST /signout",
        "Shop.Web GET /forbidden", "Shop.Web POST /forbidden",

        // Framework: MapRazorComponents' endpoint for redirects during enhanced navigation (it only redirects to a URL
        // the server itself protected). Static files (app.js, app.css) are middleware, not endpoints.
        "Shop.Web GET /_framework/opaque-redirect",
    };

    public static IReadOnlyCollection<string> All => Routes;

    public static bool Contains(ServiceRoute route) => Routes.Contains(route.ToString());
}
