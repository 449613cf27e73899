namespace Alexandrite.AspireTests.Clients;

/// <summary>Reads an order's trace back where support reads it (the dashboard: <see cref="Hosting.DashboardOrderTraces"/>).</summary>
public interface IOrderTraces
{
    /// <summary>
    /// The spans of the order's trace (the trace its CreateOrder span is in), read again until
    /// <paramref name="isComplete"/> holds, since every service exports on its own schedule; throws a
    /// TimeoutException with what was found when it never does.
    /// </summary>
    Task<IReadOnlyList<TraceSpan>> WaitForOrderTraceAsync(Guid orderId, Func<IReadOnlyList<TraceSpan>, bool> isComplete, TimeSpan timeout);
}

/// <summary>A span as a trace store reports it (the dashboard's API gives OTLP JSON).</summary>
public sealed record TraceSpan(
    string TraceId, string SpanId, string? ParentSpanId, string Name, string ServiceName, IReadOnlyDictionary<string, string> Attributes)
{
    public bool IsRoot => string.IsNullOrEmpty(ParentSpanId);

    public string? Attribute(string key) => Attributes.GetValueOrDefault(key);
}

public static class TraceSpanExtensions
{
    /// <summary>One root and every other span's parent present: nothing is missing from the trace.</summary>
    public static bool IsConnected(this IReadOnlyList<TraceSpan> trace)
    {
        var ids = trace.Select(span => span.SpanId).ToHashSet(StringComparer.Ordinal);
        return trace.Count(span => span.IsRoot) == 1 && trace.Where(span => !span.IsRoot).All(span => ids.Contains(span.ParentSpanId!));
    }
}
