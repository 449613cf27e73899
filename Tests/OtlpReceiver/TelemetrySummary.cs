using System.Globalization;
using System.Text;

namespace Alexandrite.Testing.Otlp;

/// <summary>
/// Text for a WaitFor… timeout: what did arrive, counted per service and name, which is
/// usually enough to tell a wrong name from a wrong service from nothing exported at all.
/// </summary>
internal static class TelemetrySummary
{
    private const string NoService = "(no service.name)";

    public static string Spans(IReadOnlyList<ReceivedSpan> spans) =>
        Describe(spans, "spans", "service | kind | name", s => $"{s.ServiceName ?? NoService} | {s.Kind} | {s.Name}");

    public static string LogRecords(IReadOnlyList<ReceivedLogRecord> records) =>
        Describe(records, "log records", "service | scope | severity", r => $"{r.ServiceName ?? NoService} | {r.ScopeName} | {r.SeverityText ?? r.SeverityNumber.ToString(CultureInfo.InvariantCulture)}");

    public static string MetricPoints(IReadOnlyList<ReceivedMetricPoint> points) =>
        Describe(points, "metric points", "service | kind | name", p => $"{p.ServiceName ?? NoService} | {p.Kind} | {p.MetricName}");

    public static string Requests(IReadOnlyList<ReceivedExportRequest> requests) =>
        Describe(requests, "requests", "method path | status", r => $"{r.Method} {r.Path} | {r.StatusCode}");

    private static string Describe<T>(IReadOnlyList<T> items, string noun, string legend, Func<T, string> key)
    {
        if (items.Count == 0)
        {
            return $"Received no {noun} at all.";
        }

        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"Received {items.Count} {noun}, by {legend}:");
        foreach (var group in items.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  {group.Key} × {group.Count()}");
        }

        return text.ToString();
    }
}
