using System.Diagnostics;
using Alexandrite.ServiceDefaults.Telemetry;
using Alexandrite.Shop.Web.Security;
using Alexandrite.Shop.Web.Telemetry;

namespace Alexandrite.Shop.Web.Endpoints;

/// <summary>The page's side of <see cref="BrowserActions"/>: open a span for a click, end it with the answer.</summary>
internal static class BrowserTelemetryEndpoints
{
    public static IEndpointRouteBuilder MapBrowserTelemetryEndpoints(this IEndpointRouteBuilder app)
    {
        // Only signed-in users (a visitor has no order to trace), only pages of the shop (antiforgery token), and
        // only for its form actions (PostRoutes).
        var actions = app.MapGroup(TelemetryOptions.BrowserActionsPath).RequireAuthorization().AddEndpointFilter<AntiforgeryFilter>().ExcludeFromDescription();
        actions.MapPost("", (StartRequest request, BrowserActions browserActions, PostRoutes routes) =>
        {
            if (request.Path is not { Length: > 0 and <= 200 } path || !path.StartsWith('/') || path.Contains('?', StringComparison.Ordinal)
                || routes.TemplateOf(path) is not { } template)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["path"] = ["The path of one of this site's forms, without a query."] });
            }

            return browserActions.Start(template, path, request.OrderId) is { } activity
                ? Results.Ok(new StartResponse(activity.SpanId.ToHexString(), BrowserActions.TraceParent(activity)))
                : Results.NoContent();
        });

        actions.MapPost("/end", (EndRequest request, BrowserActions browserActions) =>
            request.SpanId is { Length: 16 } spanId && spanId.All(char.IsAsciiHexDigitLower) && request.Status is >= 0 and < 600
            && browserActions.End(ActivitySpanId.CreateFromString(spanId), request.Status)
                ? Results.NoContent()
                : Results.NotFound());
        return app;
    }

    private sealed record StartRequest(string? Path, Guid? OrderId);

    private sealed record StartResponse(string SpanId, string TraceParent);

    private sealed record EndRequest(string? SpanId, int Status);
}
