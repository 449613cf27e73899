namespace Alexandrite.Testing.Otlp;

/// <summary>Which member of OTLP's Metric.data oneof a metric point came from.</summary>
public enum ReceivedMetricKind
{
    Gauge,
    Sum,
    Histogram,
    ExponentialHistogram,
    Summary,
}
