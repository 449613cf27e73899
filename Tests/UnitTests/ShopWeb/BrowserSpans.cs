extern alias ShopWeb;

using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Alexandrite.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Trace;
using BrowserSpanRelay = ShopWeb::Alexandrite.Shop.Web.Telemetry.BrowserSpanRelay;
using BrowserTelemetryOptions = ShopWeb::Alexandrite.Shop.Web.Telemetry.BrowserTelemetryOptions;
using OtlpJsonTraceReader = ShopWeb::Alexandrite.Shop.Web.Telemetry.OtlpJsonTraceReader;
using PostRoutes = ShopWeb::Alexandrite.Shop.Web.Telemetry.PostRoutes;

namespace Alexandrite.UnitTests.ShopWeb;

/// <summary>
/// OTLP/HTTP JSON as OpenTelemetry JS's OTLPTraceExporter writes it (hex ids, nanosecond times as strings), and a
/// relay wired as Shop.Web's, in front of a tracer provider with the services' sampler and processors.
/// </summary>
internal static class BrowserSpans
{
    public sealed record Span(
        string Scope,
        string Name,
        ActivityTraceId TraceId,
        ActivitySpanId SpanId,
        ActivitySpanId? Parent,
        Dictionary<string, object> Attributes,
        int Kind = 1,
        bool Error = false);

    public static Span Submit(ActivityTraceId traceId, string path, string? orderId = null, string page = "http://shop.test/order/new") =>
        new(BrowserSpanRelay.UserInteractionScope, "submit", traceId, ActivitySpanId.CreateRandom(), null, new()
        {
            ["event_type"] = "submit",
            ["target_element"] = "FORM",
            ["target_xpath"] = "//html/body/main/form",
            ["url.full"] = page,
            ["http.request.method"] = "POST",
            ["url.path"] = path,
            ["order.id"] = orderId ?? "",
        });

    public static Span Fetch(Span parent, string url, int status = 200) =>
        new(BrowserSpanRelay.FetchScope, "POST", parent.TraceId, ActivitySpanId.CreateRandom(), parent.SpanId, new()
        {
            ["http.request.method"] = "POST",
            ["url.full"] = url,
            ["http.response.status_code"] = status,
            ["component"] = "fetch",
        }, Kind: 3);

    public static byte[] Json(params Span[] spans)
    {
        var now = DateTimeOffset.UtcNow;
        var start = (now.ToUnixTimeMilliseconds() - 500) * 1_000_000;
        var request = new
        {
            resourceSpans = new[]
            {
                new
                {
                    resource = new { attributes = new[] { new { key = "service.name", value = new { stringValue = "shop-web-browser" } } } },
                    scopeSpans = spans.GroupBy(span => span.Scope).Select(scope => new
                    {
                        scope = new { name = scope.Key, version = "0.223.0" },
                        spans = scope.Select(span => new
                        {
                            traceId = span.TraceId.ToHexString(),
                            spanId = span.SpanId.ToHexString(),
                            parentSpanId = span.Parent?.ToHexString(),
                            name = span.Name,
                            kind = span.Kind,
                            startTimeUnixNano = start.ToString(System.Globalization.CultureInfo.InvariantCulture),
                            endTimeUnixNano = (start + 250_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
                            attributes = span.Attributes.Select(attribute => new { key = attribute.Key, value = Value(attribute.Value) }),
                            events = new[] { new { timeUnixNano = (start + 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture), name = "fetchStart", attributes = Array.Empty<object>() } },
                            status = new { code = span.Error ? 2 : 0 },
                        }),
                    }),
                },
            },
        };
        return JsonSerializer.SerializeToUtf8Bytes(request);
    }

    private static object Value(object value) => value switch
    {
        string text => new { stringValue = text },
        int number => new { intValue = number.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        bool flag => new { boolValue = flag },
        _ => throw new ArgumentException("Unsupported attribute value.", nameof(value)),
    };

    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    /// <summary>A relay with Shop.Web's form routes, and the services' tracing pipeline (sampler, order.id, scrubber) feeding <paramref name="exported"/>.</summary>
    public static (BrowserSpanRelay Relay, TracerProvider Provider) Pipeline(List<Activity> exported, double ratio, params string[] forced)
    {
        var provider = Sdk.CreateTracerProviderBuilder()
            .AddSource(AlexandriteTelemetry.Browser.Name)
            .SetSampler(new OrderSampler(ratio, forced))
            .AddProcessor(new OrderIdSpanProcessor())
            .AddProcessor(new SanitizingSpanProcessor())
            .AddProcessor(new Exported(exported))
            .Build()!;
        var telemetry = new TelemetryOptions { Sampling = { Ratio = ratio, ForcedOperations = forced } };
        var relay = new BrowserSpanRelay(Routes(), Options.Create(telemetry), new HostingEnvironment { EnvironmentName = "Production" });
        return (relay, provider);
    }

    public static IReadOnlyList<ShopWeb::Alexandrite.Shop.Web.Telemetry.BrowserSpan> Read(byte[] json) =>
        OtlpJsonTraceReader.Read(json, new BrowserTelemetryOptions());

    private static PostRoutes Routes()
    {
        static RouteEndpoint Post(string pattern) => new(
            _ => Task.CompletedTask, RoutePatternFactory.Parse(pattern), 0, new EndpointMetadataCollection(new HttpMethodMetadata(["POST"])), pattern);
        return new PostRoutes(new DefaultEndpointDataSource(Post("/order/new"), Post("/orders/{id:guid}/submit")));
    }

    /// <summary>What an export processor would see: sampled spans only, after the scrubber.</summary>
    public sealed class Exported(List<Activity> exported) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data)
        {
            if (data.Recorded)
            {
                lock (exported)
                {
                    exported.Add(data);
                }
            }
        }
    }
}
