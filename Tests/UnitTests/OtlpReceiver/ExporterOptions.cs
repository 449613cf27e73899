using Alexandrite.Testing.Otlp;
using OpenTelemetry;
using OpenTelemetry.Exporter;

namespace Alexandrite.UnitTests.Otlp;

/// <summary>Points a real OpenTelemetry .NET OTLP exporter at a receiver.</summary>
internal static class ExporterOptions
{
    /// <summary>How long tests wait for telemetry that should arrive almost at once.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <summary>
    /// An Endpoint set in code is used verbatim (no /v1/traces appended), hence the explicit
    /// path. The simple processor exports synchronously when an Activity or log record ends.
    /// </summary>
    public static void PointAt(this OtlpExporterOptions options, OtlpReceiver receiver, string signalPath)
    {
        options.Endpoint = new Uri(receiver.Endpoint, signalPath);
        options.Protocol = OtlpExportProtocol.HttpProtobuf;
        options.ExportProcessorType = ExportProcessorType.Simple;
    }
}
