using Alexandrite.Testing.Otlp.Wire;
using Google.Protobuf;

namespace Alexandrite.Testing.Otlp;

/// <summary>Everything the receiver has accepted so far, per signal, plus the strings and requests seen.</summary>
internal sealed class ReceivedTelemetry
{
    private readonly Lock _stringsGate = new();
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);

    public SignalStore<ReceivedSpan> Spans { get; } = new("spans", TelemetrySummary.Spans);

    public SignalStore<ReceivedLogRecord> LogRecords { get; } = new("log records", TelemetrySummary.LogRecords);

    public SignalStore<ReceivedMetricPoint> MetricPoints { get; } = new("metric points", TelemetrySummary.MetricPoints);

    public SignalStore<ReceivedExportRequest> Requests { get; } = new("requests", TelemetrySummary.Requests);

    public void Accept(ExportTraceServiceRequest request)
    {
        // Strings first: a test that saw the span arrive may immediately check AllStrings.
        CollectStrings(request);
        Spans.Add(TraceRequestReader.Read(request));
    }

    public void Accept(ExportLogsServiceRequest request)
    {
        CollectStrings(request);
        LogRecords.Add(LogsRequestReader.Read(request));
    }

    public void Accept(ExportMetricsServiceRequest request)
    {
        CollectStrings(request);
        MetricPoints.Add(MetricsRequestReader.Read(request));
    }

    public IReadOnlyCollection<string> AllStrings()
    {
        lock (_stringsGate)
        {
            return [.. _strings];
        }
    }

    public void Clear()
    {
        lock (_stringsGate)
        {
            _strings.Clear();
        }

        Spans.Clear();
        LogRecords.Clear();
        MetricPoints.Clear();
        Requests.Clear();
    }

    private void CollectStrings(IMessage request)
    {
        var strings = new HashSet<string>(StringComparer.Ordinal);
        StringCollector.Collect(request, strings);
        lock (_stringsGate)
        {
            _strings.UnionWith(strings);
        }
    }
}
