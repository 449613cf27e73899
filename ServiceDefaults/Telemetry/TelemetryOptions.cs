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

    /// <summary>Request paths whose server spans are not recorded: probes would drown the real traffic.</summary>
    public IList<string> UntracedPaths { get; set; } = [Microsoft.Extensions.Hosting.Extensions.HealthEndpointPath, Microsoft.Extensions.Hosting.Extensions.AlivenessEndpointPath];
}
