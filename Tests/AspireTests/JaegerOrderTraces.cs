using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Alexandrite.AspireTests;

/// <summary>
/// The order's trace from Jaeger's query API, the way support finds it: the trace whose CreateOrder span
/// (Shop.Api) carries the order's id, then the whole trace by its id
/// (https://www.jaegertracing.io/docs/latest/apis/#http-json-internal: GET /api/traces?service=..&amp;operation=..&amp;tags=..,
/// GET /api/traces/{traceID}).
/// </summary>
internal sealed class JaegerOrderTraces(HttpClient jaegerUi) : IOrderTraces
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    private readonly HttpClient _http = jaegerUi;

    public async Task<IReadOnlyList<TraceSpan>> WaitForOrderTraceAsync(Guid orderId, Func<IReadOnlyList<TraceSpan>, bool> isComplete, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        IReadOnlyList<TraceSpan> trace = [];
        try
        {
            while (true)
            {
                try
                {
                    if (await FindTraceIdAsync(orderId, deadline.Token) is { } traceId)
                    {
                        trace = await ReadTraceAsync(traceId, deadline.Token);
                        if (isComplete(trace))
                        {
                            return trace;
                        }
                    }
                }
                catch (HttpRequestException)
                {
                    // Jaeger busy or restarting: ask again at the next poll.
                }

                await Task.Delay(PollInterval, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            // Past the deadline: say what was found.
        }

        throw new TimeoutException(
            $"Jaeger had no complete trace for order {orderId} after {timeout}; it has: {string.Join(", ", trace.Select(span => $"{span.ServiceName}:{span.Name}"))}");
    }

    private async Task<string?> FindTraceIdAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var tags = Uri.EscapeDataString(JsonSerializer.Serialize(new Dictionary<string, string> { ["order.id"] = orderId.ToString() }));
        var found = await _http.GetFromJsonAsync<JsonElement>($"/api/traces?service=shop-api&operation=CreateOrder&tags={tags}&limit=5", cancellationToken);
        return found.GetProperty("data").EnumerateArray().Select(trace => trace.GetProperty("traceID").GetString()).FirstOrDefault();
    }

    private async Task<IReadOnlyList<TraceSpan>> ReadTraceAsync(string traceId, CancellationToken cancellationToken)
    {
        var response = await _http.GetFromJsonAsync<JsonElement>($"/api/traces/{traceId}", cancellationToken);
        var spans = new List<TraceSpan>();
        foreach (var trace in response.GetProperty("data").EnumerateArray())
        {
            var processes = trace.GetProperty("processes");
            foreach (var span in trace.GetProperty("spans").EnumerateArray())
            {
                var parent = span.GetProperty("references").EnumerateArray()
                    .FirstOrDefault(reference => reference.GetProperty("refType").GetString() == "CHILD_OF");
                spans.Add(new TraceSpan(
                    span.GetProperty("traceID").GetString()!,
                    span.GetProperty("spanID").GetString()!,
                    parent.ValueKind == JsonValueKind.Object ? parent.GetProperty("spanID").GetString() : null,
                    span.GetProperty("operationName").GetString()!,
                    processes.GetProperty(span.GetProperty("processID").GetString()!).GetProperty("serviceName").GetString()!,
                    span.GetProperty("tags").EnumerateArray().ToDictionary(
                        tag => tag.GetProperty("key").GetString()!,
                        tag => tag.GetProperty("value") is var value && value.ValueKind == JsonValueKind.String
                            ? value.GetString()!
                            : value.GetRawText(),
                        StringComparer.Ordinal)));
            }
        }

        return spans;
    }
}
