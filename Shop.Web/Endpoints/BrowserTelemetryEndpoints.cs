using Alexandrite.ServiceDefaults.Telemetry;
using Alexandrite.Shop.Web.Security;
using Alexandrite.Shop.Web.Telemetry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Alexandrite.Shop.Web.Endpoints;

/// <summary>
/// Where the page's OpenTelemetry JS SDK exports its spans: an OTLP/HTTP JSON trace endpoint
/// (https://opentelemetry.io/docs/specs/otlp/#otlphttp-request) on Shop.Web's own origin, relayed by
/// <see cref="BrowserSpanRelay"/> through the same sampler, scrubber and exporters as every other span.
/// </summary>
internal static class BrowserTelemetryEndpoints
{
    public static IEndpointRouteBuilder MapBrowserTelemetryEndpoints(this IEndpointRouteBuilder app)
    {
        // Only signed-in users (a visitor has no order to trace; a script's fetch gets 401, not the sign-in page) and
        // only pages of the shop (antiforgery token in the RequestVerificationToken header).
        app.MapPost(TelemetryOptions.BrowserTracesPath, ExportAsync)
            .RequireAuthorization()
            .DisableCookieRedirect()
            .AddEndpointFilter<AntiforgeryFilter>()
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ExportAsync(HttpRequest request, BrowserSpanRelay relay, IOptions<BrowserTelemetryOptions> options, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        if (request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Send OTLP/HTTP JSON", "This endpoint takes application/json (OTLP/HTTP JSON) only.");
        }

        if (await ReadBodyAsync(request, limits.MaxRequestBytes, cancellationToken) is not { } body)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Too large", $"One export may hold at most {limits.MaxRequestBytes} bytes.");
        }

        IReadOnlyList<BrowserSpan> spans;
        try
        {
            spans = OtlpJsonTraceReader.Read(body, limits);
        }
        catch (OtlpJsonException exception)
        {
            return Problem(StatusCodes.Status400BadRequest, "Not an OTLP trace export", exception.Message);
        }

        var rejected = relay.Relay(spans);

        // The OTLP answer: empty on full success, partial success naming how many spans were refused.
        return rejected == 0
            ? Results.Json(new { })
            : Results.Json(new { partialSuccess = new { rejectedSpans = rejected, errorMessage = "Only the page's user-interaction, fetch and XMLHttpRequest spans are relayed." } });
    }

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> (read no further than that).</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static ProblemHttpResult Problem(int statusCode, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: statusCode, title: title);
}
