using Alexandrite.Testing.Otlp;

namespace Alexandrite.AspireTests;

/// <summary>Helpers for reading a trace out of the receiver's spans.</summary>
internal static class TraceAssertions
{
    public static readonly TimeSpan TelemetryTimeout = TimeSpan.FromSeconds(30);

    public static IReadOnlyList<ReceivedSpan> InTrace(this IEnumerable<ReceivedSpan> spans, string traceId) =>
        spans.Where(span => span.TraceId == traceId).ToList();

    /// <summary>One root, and every other span's parent is in the trace.</summary>
    public static bool IsComplete(this IReadOnlyList<ReceivedSpan> trace)
    {
        var ids = trace.Select(span => span.SpanId).ToHashSet();
        return trace.Count(span => span.IsRoot) == 1 && trace.All(span => span.IsRoot || ids.Contains(span.ParentSpanId!));
    }

    public static ReceivedSpan ParentOf(this IReadOnlyList<ReceivedSpan> trace, ReceivedSpan span) =>
        trace.SingleOrDefault(candidate => candidate.SpanId == span.ParentSpanId)
        ?? throw new Xunit.Sdk.XunitException($"The parent {span.ParentSpanId} of '{span.Name}' ({span.ServiceName}) is not in the trace.");

    public static bool IsServerSpanFor(this ReceivedSpan span, string service, string route) =>
        span.Kind == ReceivedSpanKind.Server && span.ServiceName == service && span.GetString("http.route") == route;
}
