using System.Diagnostics;

namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>
/// W3C trace context and baggage (https://www.w3.org/TR/trace-context/, https://www.w3.org/TR/baggage/) as a
/// string dictionary: how work that continues later (an outbox message, a persisted calculation job, the next
/// step of an order) joins the trace it belongs to. It uses .NET's own <see cref="DistributedContextPropagator"/>,
/// the one HttpClient and ASP.NET Core use, so baggage travels the same way over HTTP and over RabbitMQ.
/// </summary>
public static class TraceCarrier
{
    /// <summary>The current span's context and baggage.</summary>
    public static Dictionary<string, string> CaptureCurrent() => Capture(Activity.Current);

    public static Dictionary<string, string> Capture(Activity? activity)
    {
        var carrier = new Dictionary<string, string>(StringComparer.Ordinal);
        DistributedContextPropagator.Current.Inject(activity, carrier, static (c, key, value) => ((Dictionary<string, string>)c!)[key] = value);
        return carrier;
    }

    /// <summary>The context and baggage in <paramref name="carrier"/>; an invalid context when there is none.</summary>
    public static (ActivityContext Context, IReadOnlyList<KeyValuePair<string, string?>> Baggage) Extract(IReadOnlyDictionary<string, string> carrier) =>
        Extract(carrier, static (c, key) => ((IReadOnlyDictionary<string, string>)c!).TryGetValue(key, out var value) ? value : null);

    /// <summary>Reads from any carrier, given how to get one header's value.</summary>
    public static (ActivityContext Context, IReadOnlyList<KeyValuePair<string, string?>> Baggage) Extract(object? carrier, Func<object?, string, string?> getHeader)
    {
        ArgumentNullException.ThrowIfNull(getHeader);
        var propagator = DistributedContextPropagator.Current;
        propagator.ExtractTraceIdAndState(carrier, Getter, out var traceParent, out var traceState);
        var context = ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var parsed) ? parsed : default;
        var baggage = propagator.ExtractBaggage(carrier, Getter)?.ToList() ?? [];
        return (context, baggage);

        void Getter(object? c, string name, out string? value, out IEnumerable<string>? values)
        {
            value = getHeader(c, name);
            values = null;
        }
    }

    /// <summary>The carrier as JSON, to store beside the work it belongs to.</summary>
    public static string CaptureCurrentAsJson() => System.Text.Json.JsonSerializer.Serialize(CaptureCurrent());

    public static (ActivityContext Context, IReadOnlyList<KeyValuePair<string, string?>> Baggage) ExtractFromJson(string? json) =>
        Extract(string.IsNullOrEmpty(json) ? new Dictionary<string, string>() : System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []);
}
