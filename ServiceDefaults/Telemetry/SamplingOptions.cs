namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>
/// Trace sampling, the same in every service, bound from "Telemetry:Sampling" (docs/adr/0003-sampling.md).
/// Metrics are never sampled.
/// </summary>
public sealed class SamplingOptions
{
    /// <summary>
    /// The header a request sends to have its trace kept whatever the ratio (value "always"), or not recorded at
    /// all (value "never": a page polling for changes is not a user action).
    /// </summary>
    public const string ForceHeader = "X-Alexandrite-Trace";

    /// <summary>Share of new traces kept, 0 to 1. Unset: 1.0 in Development, 0.1 otherwise.</summary>
    public double? Ratio { get; set; }

    /// <summary>
    /// Operations whose new traces are always kept: a span name ("PlaceOrder") or, for HTTP requests that start a
    /// trace, "METHOD /path" prefixes ("POST /order/new"). A span inside a trace follows its parent's decision.
    /// </summary>
    public IList<string> ForcedOperations { get; set; } = [];

    /// <summary>
    /// Keep this process's part of a trace that was not sampled when one of its spans ends in error: the spans of the
    /// request (or message) it failed in, and the trace's later spans here for <see cref="ErrorTraceKeptFor"/>. The
    /// database commands of an unsampled trace get no span either way (Npgsql.NpgsqlCommandSpanExtensions).
    /// </summary>
    public bool KeepErrorTraces { get; set; } = true;

    /// <summary>Spans held for one running request or message, waiting for a possible error; later ones are not held.</summary>
    public int ErrorBufferMaxSpans { get; set; } = 256;

    /// <summary>How long, after a span of an unsampled trace ends in error here, the trace's later spans here are exported too.</summary>
    public TimeSpan ErrorTraceKeptFor { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The ratio in force: <see cref="Ratio"/>, or its default for the environment.</summary>
    public double ResolveRatio(bool isDevelopment) => Math.Clamp(Ratio ?? (isDevelopment ? 1.0 : 0.1), 0, 1);
}
