using System.Text;

namespace Alexandrite.Testing.Otlp;

/// <summary>
/// The names a received metric has in Prometheus once translated from OTLP, as the OpenTelemetry Collector's
/// Prometheus exporters and Prometheus's own OTLP receiver (translation strategy UnderscoreEscapingWithSuffixes,
/// the default) write them, following
/// https://opentelemetry.io/docs/specs/otel/compatibility/prometheus_and_openmetrics/#otlp-metric-points-to-prometheus:
/// characters other than letters, digits, '_' and ':' become '_' (so dots do); the unit becomes a suffix
/// ("s" → _seconds, "By" → _bytes, "1" on a gauge → _ratio, "X/Y" → _X_per_Y; "{...}" annotations are dropped)
/// unless the name already ends with it; a monotonic sum (a Counter) then ends in _total; a histogram is a family
/// of _bucket, _sum and _count series.
/// </summary>
public static class PrometheusNames
{
    private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
    {
        ["m"] = "meters", ["d"] = "days", ["h"] = "hours", ["min"] = "minutes", ["s"] = "seconds", ["ms"] = "milliseconds",
        ["us"] = "microseconds", ["ns"] = "nanoseconds", ["By"] = "bytes", ["KiBy"] = "kibibytes", ["MiBy"] = "mebibytes",
        ["GiBy"] = "gibibytes", ["KBy"] = "kilobytes", ["MBy"] = "megabytes", ["GBy"] = "gigabytes", ["bit"] = "bits",
        ["Hz"] = "hertz", ["V"] = "volts", ["A"] = "amperes", ["J"] = "joules", ["W"] = "watts", ["g"] = "grams",
        ["Cel"] = "celsius", ["%"] = "percent",
    };

    private static readonly Dictionary<string, string> PerUnits = new(StringComparer.Ordinal)
    {
        ["s"] = "second", ["m"] = "minute", ["h"] = "hour", ["d"] = "day", ["w"] = "week", ["mo"] = "month", ["y"] = "year",
    };

    /// <summary>Every series name the point's metric has in Prometheus.</summary>
    public static IReadOnlyList<string> Of(ReceivedMetricPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return Of(point.MetricName, point.Unit, point.Kind, point.IsMonotonic);
    }

    public static IReadOnlyList<string> Of(string metricName, string? unit, ReceivedMetricKind kind, bool isMonotonic)
    {
        var name = Escape(metricName);
        foreach (var suffix in UnitSuffixes(unit, kind))
        {
            if (!name.EndsWith("_" + suffix, StringComparison.Ordinal))
            {
                name += "_" + suffix;
            }
        }

        return kind switch
        {
            ReceivedMetricKind.Sum when isMonotonic => [name.EndsWith("_total", StringComparison.Ordinal) ? name : name + "_total"],
            ReceivedMetricKind.Histogram or ReceivedMetricKind.ExponentialHistogram => [name + "_bucket", name + "_sum", name + "_count"],
            ReceivedMetricKind.Summary => [name, name + "_sum", name + "_count"],
            _ => [name],
        };
    }

    private static IEnumerable<string> UnitSuffixes(string? unit, ReceivedMetricKind kind)
    {
        // Annotations in braces say what is counted and have no Prometheus form: "{order}" adds nothing.
        var bare = new StringBuilder();
        var depth = 0;
        foreach (var c in unit ?? "")
        {
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (depth == 0 && c != '}')
            {
                bare.Append(c);
            }
        }

        var text = bare.ToString().Trim();
        if (text.Length == 0)
        {
            yield break;
        }

        if (text == "1")
        {
            if (kind == ReceivedMetricKind.Gauge)
            {
                yield return "ratio";
            }

            yield break;
        }

        var parts = text.Split('/', 2);
        if (parts[0].Length > 0)
        {
            yield return Units.TryGetValue(parts[0], out var main) ? main : Escape(parts[0]);
        }

        if (parts.Length == 2 && parts[1].Length > 0)
        {
            yield return "per_" + (PerUnits.TryGetValue(parts[1], out var per) ? per : Escape(parts[1]));
        }
    }

    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var valid = char.IsAsciiLetterOrDigit(c) || c is '_' or ':';
            if (valid || escaped.Length == 0 || escaped[^1] != '_')
            {
                escaped.Append(valid ? c : '_');
            }
        }

        return escaped.ToString().Trim('_');
    }
}
