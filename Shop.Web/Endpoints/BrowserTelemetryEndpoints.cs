using System.Diagnostics;
using Alexandrite.ServiceDefaults.Telemetry;
using Alexandrite.Shop.Web.Telemetry;

namespace Alexandrite.Shop.Web.Endpoints;

/// <summary>The page's side of <see cref="BrowserActions"/>: open a span for a click, end it with the answer.</summary>
internal static class BrowserTelemetryEndpoints
{
    public static IEndpointRouteBuilder MapBrowserTelemetryEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(TelemetryOptions.BrowserActionsPath, (StartRequest request, BrowserActions actions) =>
            {
                if (request.Path is not { Length: > 0 and <= 200 } path || !path.StartsWith('/') || path.Contains('?', StringComparison.Ordinal))
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["path"] = ["A path of this site, without a query."] });
                }

                return actions.Start(path, request.OrderId) is { } activity
                    ? Results.Ok(new StartResponse(activity.SpanId.ToHexString(), BrowserActions.TraceParent(activity)))
                    : Results.NoContent();
            })
            .ExcludeFromDescription();

        app.MapPost(TelemetryOptions.BrowserActionsEndPath, (EndRequest request, BrowserActions actions) =>
                request.SpanId is { Length: 16 } spanId && spanId.All(char.IsAsciiHexDigitLower) && request.Status is >= 0 and < 600
                && actions.End(ActivitySpanId.CreateFromString(spanId), request.Status)
                    ? Results.NoContent()
                    : Results.NotFound())
            .ExcludeFromDescription();
        return app;
    }

    private sealed record StartRequest(string? Path, Guid? OrderId);

    private sealed record StartResponse(string SpanId, string TraceParent);

    private sealed record EndRequest(string? SpanId, int Status);
}
