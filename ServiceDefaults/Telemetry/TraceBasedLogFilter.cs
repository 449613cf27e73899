using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;

namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>
/// Drops, before any work is done on them, the log records whose trace was not sampled: a record below
/// <see cref="LogExportOptions.AlwaysExportFrom"/> (Warning) written inside a trace goes on to the export chain (the
/// scrubber, then the exporters) only when that trace is sampled; warnings and errors always do, and so do records
/// written outside any trace (start-up, background work). Without it every Information record of every request was
/// scrubbed and exported whatever the sampling ratio, which made logs most of telemetry's cost at 10% sampling.
/// <para>
/// This is the Logs SDK's "trace_based" logger setting (https://opentelemetry.io/docs/specs/otel/logs/sdk/#loggerconfig:
/// a record with a valid span id whose trace flags say "not sampled" is dropped), which OpenTelemetry .NET does not
/// offer, with a severity floor above which nothing is dropped. Sampled means what the trace sampler decided
/// (https://opentelemetry.io/docs/specs/otel/trace/sdk/#sampling; OrderSampler): the record carries the trace flags of
/// the span current when it was written.
/// </para>
/// <para>
/// Why a wrapper: every processor of a provider sees every record, in registration order, and none can stop the ones
/// after it (https://opentelemetry.io/docs/specs/otel/logs/sdk/#logrecordprocessor). So the export chain is the inner
/// list of a composite that forwards a record only when it is kept (as the error keeper holds the span exporters), and
/// a dropped record reaches none of it. Composites, so the SDK hands the inner processors the provider (and the
/// resource); flush and shutdown reach them whatever was dropped. Two levels, because when the provider's processor
/// is a composite the SDK appends any processor registered later into it (LoggerProviderSdk.AddProcessor): those land
/// in this outer list, beside the filtered chain and unfiltered, not behind the filter.
/// </para>
/// <para>
/// What it cannot do: an unsampled trace the error keeper exports later, because one of its spans failed, gets its
/// warnings and errors but not the Information records written before the failure.
/// </para>
/// </summary>
internal sealed class TraceBasedLogFilter(LogExportOptions options, IEnumerable<BaseProcessor<LogRecord>> exportChain)
    : CompositeProcessor<LogRecord>([new Filtered(options, exportChain)])
{
    private sealed class Filtered(LogExportOptions options, IEnumerable<BaseProcessor<LogRecord>> exportChain)
        : CompositeProcessor<LogRecord>(exportChain)
    {
        private readonly bool _traceBased = options.TraceBased;
        private readonly LogLevel _alwaysExportFrom = options.AlwaysExportFrom;

        public override void OnEnd(LogRecord data)
        {
            if (IsExported(data))
            {
                base.OnEnd(data);
            }
        }

        private bool IsExported(LogRecord record) =>
            !_traceBased
            || record.SpanId == default
            || (record.TraceFlags & ActivityTraceFlags.Recorded) != 0
            || LevelOf(record) >= _alwaysExportFrom;

        // LogLevel is the only severity the stable package exposes (Severity is behind its experimental API); it is
        // what the ILogger call gave, so nothing is lost.
#pragma warning disable CS0618
        private static LogLevel LevelOf(LogRecord record) => record.LogLevel;
#pragma warning restore CS0618
    }
}
