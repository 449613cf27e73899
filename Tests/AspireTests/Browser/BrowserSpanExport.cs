using System.Globalization;
using System.Net.Http.Json;

namespace Alexandrite.AspireTests.Browser;

/// <summary>
/// An OTLP/HTTP JSON trace export as the page's OpenTelemetry JS SDK sends it to Shop.Web (hex ids, times in
/// nanoseconds as strings, one scope per instrumentation), for the tests that post to the relay directly.
/// </summary>
internal static class BrowserSpanExport
{
    public const string Path = "/telemetry/v1/traces";
    public const string UserInteraction = "@opentelemetry/instrumentation-user-interaction";
    public const string Fetch = "@opentelemetry/instrumentation-fetch";

    public sealed record Span(string Scope, string Name, string TraceId, string SpanId, string? ParentSpanId, int Kind, Dictionary<string, string> Attributes);

    public static string NewTraceId(string prefix = "") => prefix + Guid.NewGuid().ToString("N")[prefix.Length..];

    public static string NewSpanId() => Guid.NewGuid().ToString("N")[..16];

    public static Span Submit(string traceId, string path, Guid? orderId = null, string page = "/order/new") => new(UserInteraction, "submit", traceId, NewSpanId(), null, 1, new()
    {
        ["event_type"] = "submit",
        ["target_element"] = "FORM",
        ["target_xpath"] = "//html/body/main/form",
        ["url.full"] = "http://localhost" + page,
        ["http.request.method"] = "POST",
        ["url.path"] = path,
        ["order.id"] = orderId?.ToString() ?? "",
    });

    public static Span FetchUnder(Span parent, string url) => new(Fetch, "POST", parent.TraceId, NewSpanId(), parent.SpanId, 3, new()
    {
        ["http.request.method"] = "POST",
        ["url.full"] = url,
    });

    public static JsonContent Content(params Span[] spans)
    {
        var start = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 1000) * 1_000_000;
        return JsonContent.Create(new
        {
            resourceSpans = new[]
            {
                new
                {
                    resource = new { attributes = new[] { new { key = "service.name", value = new { stringValue = "shop-web-browser" } } } },
                    scopeSpans = spans.GroupBy(span => span.Scope).Select(scope => new
                    {
                        scope = new { name = scope.Key },
                        spans = scope.Select(span => new
                        {
                            traceId = span.TraceId,
                            spanId = span.SpanId,
                            parentSpanId = span.ParentSpanId ?? "",
                            name = span.Name,
                            kind = span.Kind,
                            startTimeUnixNano = start.ToString(CultureInfo.InvariantCulture),
                            endTimeUnixNano = (start + 300_000_000).ToString(CultureInfo.InvariantCulture),
                            attributes = span.Attributes.Select(attribute => new { key = attribute.Key, value = new { stringValue = attribute.Value } }),
                            // The page claims every span is sampled (flags 01): the relay decides for itself.
                            flags = 0x101,
                        }),
                    }),
                },
            },
        });
    }

    /// <summary>Posts an export as a signed-in page does: with the antiforgery token of one of the shop's pages.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient browser, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = content };
        request.Headers.Add("RequestVerificationToken", await ShopWebForms.AntiforgeryTokenAsync(browser, "/order/new"));
        return await browser.SendAsync(request);
    }
}
