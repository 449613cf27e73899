using Alexandrite.Testing.Otlp.Wire;

namespace Alexandrite.Testing.Otlp;

/// <summary>
/// Flattens an ExportMetricsServiceRequest (resource → scope → metric → data point) into one
/// <see cref="ReceivedMetricPoint"/> per data point, each carrying its metric, resource and scope.
/// </summary>
internal static class MetricsRequestReader
{
    public static List<ReceivedMetricPoint> Read(ExportMetricsServiceRequest request)
    {
        var points = new List<ReceivedMetricPoint>();
        foreach (var resourceMetrics in request.ResourceMetrics)
        {
            var resource = AttributeValues.ToDictionary(resourceMetrics.Resource?.Attributes);
            foreach (var scopeMetrics in resourceMetrics.ScopeMetrics)
            {
                var scope = new MetricScope(resource, scopeMetrics.Scope?.Name ?? string.Empty);
                foreach (var metric in scopeMetrics.Metrics)
                {
                    points.AddRange(ReadPoints(metric, scope));
                }
            }
        }

        return points;
    }

    private static IEnumerable<ReceivedMetricPoint> ReadPoints(Metric metric, MetricScope scope) => metric.DataCase switch
    {
        Metric.DataOneofCase.Gauge => metric.Gauge.DataPoints.Select(p => FromNumber(metric, ReceivedMetricKind.Gauge, p, scope)),
        Metric.DataOneofCase.Sum => metric.Sum.DataPoints.Select(p => FromNumber(metric, ReceivedMetricKind.Sum, p, scope) with { IsMonotonic = metric.Sum.IsMonotonic }),
        Metric.DataOneofCase.Histogram => metric.Histogram.DataPoints.Select(p => Create(
            metric, ReceivedMetricKind.Histogram, p.Attributes, value: null, p.Count, p.HasSum ? p.Sum : null, p.TimeUnixNano, scope)),
        Metric.DataOneofCase.ExponentialHistogram => metric.ExponentialHistogram.DataPoints.Select(p => Create(
            metric, ReceivedMetricKind.ExponentialHistogram, p.Attributes, value: null, p.Count, p.HasSum ? p.Sum : null, p.TimeUnixNano, scope)),
        // SummaryDataPoint.sum is not optional (metrics.proto field 5), so it is always known.
        Metric.DataOneofCase.Summary => metric.Summary.DataPoints.Select(p => Create(
            metric, ReceivedMetricKind.Summary, p.Attributes, value: null, p.Count, p.Sum, p.TimeUnixNano, scope)),
        // A metric with no data (or a data type newer than this subset) has no points to report.
        _ => [],
    };

    private static ReceivedMetricPoint FromNumber(Metric metric, ReceivedMetricKind kind, NumberDataPoint point, MetricScope scope)
    {
        double? value = point.ValueCase switch
        {
            NumberDataPoint.ValueOneofCase.AsDouble => point.AsDouble,
            NumberDataPoint.ValueOneofCase.AsInt => point.AsInt,
            _ => null,
        };
        return Create(metric, kind, point.Attributes, value, count: null, sum: null, point.TimeUnixNano, scope);
    }

    private static ReceivedMetricPoint Create(
        Metric metric,
        ReceivedMetricKind kind,
        IReadOnlyList<KeyValue> attributes,
        double? value,
        ulong? count,
        double? sum,
        ulong timeUnixNano,
        MetricScope scope) => new(
            MetricName: metric.Name,
            Description: EmptyStrings.ToNull(metric.Description),
            Unit: EmptyStrings.ToNull(metric.Unit),
            Kind: kind,
            Attributes: AttributeValues.ToDictionary(attributes),
            Value: value,
            Count: count,
            Sum: sum,
            Time: UnixNanos.ToDateTimeOffset(timeUnixNano),
            Resource: scope.Resource,
            ScopeName: scope.Name);

    private sealed record MetricScope(IReadOnlyDictionary<string, object?> Resource, string Name);
}
