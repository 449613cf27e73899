namespace Alexandrite.Testing.Otlp;

/// <summary>
/// The default OTLP/HTTP signal paths
/// (https://opentelemetry.io/docs/specs/otlp/#otlphttp-request). Exporters configured through
/// OTEL_EXPORTER_OTLP_ENDPOINT append these to the base address.
/// </summary>
public static class OtlpPaths
{
    public const string Traces = "/v1/traces";
    public const string Logs = "/v1/logs";
    public const string Metrics = "/v1/metrics";

    internal static bool IsSignal(string path) => path is Traces or Logs or Metrics;
}
