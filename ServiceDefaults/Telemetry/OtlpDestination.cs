using Microsoft.Extensions.Configuration;

namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>
/// Whether the standard OTEL_EXPORTER_OTLP_ENDPOINT names a destination (the Aspire dashboard under the AppHost, any
/// collector otherwise; https://opentelemetry.io/docs/specs/otel/protocol/exporter/): the one test the metric, trace
/// and log pipelines share before they add an OTLP exporter.
/// </summary>
internal static class OtlpDestination
{
    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
}
