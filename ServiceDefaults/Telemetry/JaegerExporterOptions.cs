using OpenTelemetry.Exporter;

namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>
/// Where the second trace destination is. Jaeger v2 takes OTLP directly: gRPC on 4317, HTTP on 4318
/// (https://www.jaegertracing.io/docs/latest/apis/#opentelemetry-protocol).
/// </summary>
public sealed class JaegerExporterOptions
{
    /// <summary>The OTLP endpoint, for example http://127.0.0.1:4317 (grpc) or http://127.0.0.1:4318 (http/protobuf).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>"grpc" (the default) or "http/protobuf", the values of OTEL_EXPORTER_OTLP_PROTOCOL.</summary>
    public string Protocol { get; set; } = "grpc";

    internal void ApplyTo(OtlpExporterOptions options, Uri endpoint)
    {
        var http = string.Equals(Protocol, "http/protobuf", StringComparison.OrdinalIgnoreCase);
        options.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;

        // An endpoint set in code is used as given, so the HTTP signal path has to be added here
        // (https://opentelemetry.io/docs/specs/otel/protocol/exporter/#endpoint-urls-for-otlphttp).
        options.Endpoint = http ? new Uri(endpoint, "v1/traces") : endpoint;
    }
}
