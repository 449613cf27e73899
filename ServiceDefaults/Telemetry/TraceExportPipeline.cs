using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;

namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>
/// The trace exporters, owned here rather than registered with AddOtlpExporter, because the error keeper has to
/// hand spans it held back to them later: the primary OTLP destination (the standard OTEL_EXPORTER_OTLP_*
/// environment variables, as the AppHost sets them) and the optional second one (Jaeger), each behind its own
/// batch processor (OTEL_BSP_* variables), all behind the <see cref="ErrorTraceKeeper"/>, with the
/// <see cref="SanitizingSpanProcessor"/> in front of them.
/// </summary>
internal static class TraceExportPipeline
{
    public static BaseProcessor<Activity> Create(IConfiguration configuration, TelemetryOptions telemetry, TimeProvider time)
    {
        var exporters = new List<BaseProcessor<Activity>>();
        if (OtlpDestination.IsConfigured(configuration))
        {
            // The parameterless options read OTEL_EXPORTER_OTLP_ENDPOINT/_PROTOCOL/_HEADERS from the environment
            // and add the /v1/traces path for http/protobuf themselves.
            exporters.Add(Batch(new OtlpTraceExporter(new OtlpExporterOptions())));
        }

        if (telemetry.Jaeger.Endpoint is { } jaeger)
        {
            var options = new OtlpExporterOptions();
            telemetry.Jaeger.ApplyTo(options, jaeger);
            exporters.Add(Batch(new OtlpTraceExporter(options)));
        }

        return exporters.Count == 0
            ? new NoExport()
            // The scrubber is the first step of the export path itself: it sees exactly the spans that are exported
            // (sampled ones, and those the keeper releases), once each, and none of those that are dropped.
            : new ErrorTraceKeeper([new SanitizingSpanProcessor(), .. exporters], telemetry.Sampling, time);
    }

    private static BatchActivityExportProcessor Batch(BaseExporter<Activity> exporter)
    {
        var batch = new BatchExportActivityProcessorOptions();
        return new BatchActivityExportProcessor(exporter, batch.MaxQueueSize, batch.ScheduledDelayMilliseconds, batch.ExporterTimeoutMilliseconds, batch.MaxExportBatchSize);
    }

    /// <summary>No destination configured: spans are recorded for the process's own use and go nowhere.</summary>
    private sealed class NoExport : BaseProcessor<Activity>;
}
