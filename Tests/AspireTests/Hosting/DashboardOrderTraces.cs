using System.Net.Http.Json;
using System.Text.Json;

namespace Alexandrite.AspireTests;

/// <summary>
/// The order's trace as the Aspire dashboard shows it, read through the dashboard's telemetry API the way support
/// would find it: the order's trace id from its history (GET /api/orders/{id} on Shop.Api, as the journey shows it),
/// then GET /api/telemetry/traces/{traceId} (OTLP JSON; header x-api-key, the AppHost's AppHost:DashboardApiKey).
/// </summary>
internal sealed class DashboardOrderTraces(HttpClient dashboard, HttpClient shopApi) : IOrderTraces
{
    public const string ApiKeyHeader = "x-api-key";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public async Task<IReadOnlyList<TraceSpan>> WaitForOrderTraceAsync(Guid orderId, Func<IReadOnlyList<TraceSpan>, bool> isComplete, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        IReadOnlyList<TraceSpan> trace = [];
        try
        {
            var traceId = await OrderTraceIdAsync(orderId, deadline.Token);
            while (true)
            {
                trace = await ReadTraceAsync(traceId, deadline.Token);
                if (isComplete(trace))
                {
                    return trace;
                }

                await Task.Delay(PollInterval, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            // Past the deadline: say what was found.
        }

        throw new TimeoutException(
            $"The dashboard had no complete trace for order {orderId} after {timeout}; it has: {string.Join(", ", trace.Select(span => $"{span.ServiceName}:{span.Name}"))}");
    }

    /// <summary>The trace of the order's first status (INITIATED): the trace CreateOrder opened.</summary>
    private async Task<string> OrderTraceIdAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var order = await shopApi.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}", cancellationToken);
        return order.GetProperty("history")[0].GetProperty("traceId").GetString()
            ?? throw new InvalidOperationException($"Order {orderId} has no trace id in its history.");
    }

    private async Task<IReadOnlyList<TraceSpan>> ReadTraceAsync(string traceId, CancellationToken cancellationToken)
    {
        using var response = await dashboard.GetAsync($"/api/telemetry/traces/{traceId}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return []; // No span of it exported yet.
        }

        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var spans = new List<TraceSpan>();
        foreach (var resourceSpans in body.GetProperty("data").GetProperty("resourceSpans").EnumerateArray())
        {
            var service = Attributes(resourceSpans.GetProperty("resource")).GetValueOrDefault("service.name", "");
            foreach (var scopeSpans in resourceSpans.GetProperty("scopeSpans").EnumerateArray())
            {
                foreach (var span in scopeSpans.GetProperty("spans").EnumerateArray())
                {
                    spans.Add(new TraceSpan(
                        span.GetProperty("traceId").GetString()!,
                        span.GetProperty("spanId").GetString()!,
                        span.TryGetProperty("parentSpanId", out var parent) ? parent.GetString() : null,
                        span.GetProperty("name").GetString()!,
                        service,
                        Attributes(span)));
                }
            }
        }

        return spans;
    }

    /// <summary>OTLP JSON attributes ({"key": …, "value": {"stringValue": …}}) as strings.</summary>
    private static Dictionary<string, string> Attributes(JsonElement owner)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (owner.TryGetProperty("attributes", out var list))
        {
            foreach (var attribute in list.EnumerateArray())
            {
                var value = attribute.GetProperty("value").EnumerateObject().FirstOrDefault().Value;
                attributes[attribute.GetProperty("key").GetString()!] = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
            }
        }

        return attributes;
    }
}
