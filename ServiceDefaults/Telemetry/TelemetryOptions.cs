namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>
/// Telemetry settings beyond the standard OTEL_* variables, bound from the "Telemetry" section
/// (environment: Telemetry__Jaeger__Endpoint and so on).
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>The optional second OTLP destination for traces (Jaeger); off when no endpoint is set.</summary>
    public JaegerExporterOptions Jaeger { get; set; } = new();

    /// <summary>Where Prometheus scrapes the service's metrics (Telemetry:Prometheus); off by default.</summary>
    public PrometheusScrapeOptions Prometheus { get; set; } = new();

    /// <summary>Which traces are kept (Telemetry:Sampling).</summary>
    public SamplingOptions Sampling { get; set; } = new();

    /// <summary>Which log records are exported (Telemetry:Logs): those of sampled traces, and warnings and errors always.</summary>
    public LogExportOptions Logs { get; set; } = new();

    /// <summary>
    /// The key of <see cref="CustomerPseudonyms"/>: a secret (the AppHost passes its pseudonym-key parameter). Outside
    /// Development a service without one refuses to start: with a key anyone can read in this source, anyone could
    /// tell which customer a pseudonym stands for.
    /// </summary>
    public string? PseudonymKey { get; set; }

    /// <summary>The key a service uses in Development when none is configured; published, so never anywhere else.</summary>
    public const string DevelopmentPseudonymKey = "alexandrite-development-pseudonym-key";

    /// <summary>
    /// Where the page's OpenTelemetry JS SDK exports its spans (OTLP/HTTP JSON, https://opentelemetry.io/docs/specs/otlp/#otlphttp),
    /// for Shop.Web to relay through this pipeline: telemetry about telemetry, so not traced itself.
    /// </summary>
    public const string BrowserTracesPath = "/telemetry/v1/traces";

    /// <summary>Request paths whose server spans are not recorded: probes would drown the real traffic.</summary>
    public IList<string> UntracedPaths { get; set; } =
    [
        Microsoft.Extensions.Hosting.Extensions.HealthEndpointPath,
        Microsoft.Extensions.Hosting.Extensions.AlivenessEndpointPath,
        BrowserTracesPath,
    ];
}
