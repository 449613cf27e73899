using Microsoft.Extensions.Configuration;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;

namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>
/// The log exporter, owned here rather than registered with AddOtlpExporter, because it has to sit behind the
/// <see cref="TraceBasedLogFilter"/>: the OTLP destination of the standard OTEL_EXPORTER_OTLP_* environment variables
/// (as the AppHost sets them; logs do not go to the second, traces-only destination) behind a batch processor
/// (OTEL_BLRP_* variables), with the <see cref="SanitizingLogProcessor"/> in front of it and the filter in front of both.
/// The same shape as <see cref="TraceExportPipeline"/>.
/// </summary>
internal static class LogExportPipeline
{
    public static BaseProcessor<LogRecord> Create(IConfiguration configuration, TelemetryOptions telemetry)
    {
        if (!OtlpDestination.IsConfigured(configuration))
        {
            return new NoExport();
        }

        // The parameterless options read OTEL_EXPORTER_OTLP_ENDPOINT/_PROTOCOL/_HEADERS from the environment and add
        // the /v1/logs path for http/protobuf themselves.
        var batch = new BatchExportLogRecordProcessorOptions();
        var exporter = new BatchLogRecordExportProcessor(
            new OtlpLogExporter(new OtlpExporterOptions()),
            batch.MaxQueueSize,
            batch.ScheduledDelayMilliseconds,
            batch.ExporterTimeoutMilliseconds,
            batch.MaxExportBatchSize);

        // The scrubber is the first step of the export path itself: it cleans exactly the records that are exported.
        return new TraceBasedLogFilter(telemetry.Logs, [new SanitizingLogProcessor(), exporter]);
    }

    /// <summary>No destination configured: records are written to the other logging providers only, and not scrubbed for nothing.</summary>
    private sealed class NoExport : BaseProcessor<LogRecord>;
}
