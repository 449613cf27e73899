namespace Alexandrite.Testing.Otlp;

/// <summary>One data point of one metric, flattened with its metric, scope and resource.</summary>
/// <remarks>Attribute values map as described on <see cref="ReceivedSpan"/>.</remarks>
/// <param name="MetricName">The instrument name.</param>
/// <param name="Description">The instrument description, or null when empty.</param>
/// <param name="Unit">The instrument unit, or null when empty.</param>
/// <param name="Kind">Which OTLP data type carried the point.</param>
/// <param name="Attributes">The data point's attributes (the measurement tags).</param>
/// <param name="Value">
/// Gauge and sum points: the value, integers converted to double; null for histograms and
/// summaries, and for a point that carries no value.
/// </param>
/// <param name="Count">Histogram, exponential histogram and summary points: how many measurements.</param>
/// <param name="Sum">Histogram, exponential histogram and summary points: their sum, when sent.</param>
/// <param name="Time">The point's timestamp (the end of its aggregation interval).</param>
/// <param name="Resource">The attributes of the resource that exported the point.</param>
/// <param name="ScopeName">The instrumentation scope (Meter) name.</param>
/// <param name="IsMonotonic">
/// Sum points: whether the sum only grows (a Counter, which Prometheus names with _total) or not (an
/// UpDownCounter, a Prometheus gauge); false for every other kind.
/// </param>
public sealed record ReceivedMetricPoint(
    string MetricName,
    string? Description,
    string? Unit,
    ReceivedMetricKind Kind,
    IReadOnlyDictionary<string, object?> Attributes,
    double? Value,
    ulong? Count,
    double? Sum,
    DateTimeOffset Time,
    IReadOnlyDictionary<string, object?> Resource,
    string ScopeName,
    bool IsMonotonic = false)
{
    /// <summary>The resource's <c>service.name</c>, or null when it is absent or not a string.</summary>
    public string? ServiceName => AttributeLookup.ServiceName(Resource);

    /// <summary>The attribute <paramref name="key"/> if it is a string, otherwise null.</summary>
    public string? GetString(string key) => AttributeLookup.GetString(Attributes, key);
}
