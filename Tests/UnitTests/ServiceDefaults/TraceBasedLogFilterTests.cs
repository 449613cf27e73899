using System.Diagnostics;
using Alexandrite.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;

namespace Alexandrite.UnitTests.ServiceDefaults;

/// <summary>
/// Log records cost what the sampling keeps: below Warning, a record written inside a trace reaches the scrubber and
/// the exporter only when its trace is sampled; warnings, errors and records outside any trace always do. Each record
/// goes through a real OpenTelemetry logger with the real scrubber in the filtered chain; a processor registered after
/// the filter sees every record as it was left (it stands beside the filtered chain, not behind it), so it tells whether
/// the scrubber touched a dropped one.
/// </summary>
public sealed partial class TraceBasedLogFilterTests : IDisposable
{
    private const string Email = "ada.lovelace@example.com";

    private readonly Seen _exported = new();
    private readonly Seen _afterFilter = new();
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;

    public TraceBasedLogFilterTests() : this(new LogExportOptions())
    {
    }

    private TraceBasedLogFilterTests(LogExportOptions options)
    {
        _loggers = LoggerFactory.Create(logging => logging.AddOpenTelemetry(otel =>
        {
            otel.IncludeFormattedMessage = true;
            otel.AddProcessor(new TraceBasedLogFilter(options, [new SanitizingLogProcessor(), _exported]));
            otel.AddProcessor(_afterFilter);
        }));
        _logger = _loggers.CreateLogger("Alexandrite.UnitTests.LogFilter");
    }

    public void Dispose() => _loggers.Dispose();

    [Fact]
    public void An_Information_record_of_an_unsampled_trace_is_neither_scrubbed_nor_exported()
    {
        using (InTrace(sampled: false))
        {
            OrderNoted(_logger, Email);
        }

        Assert.Empty(_exported.Records);
        var record = Assert.Single(_afterFilter.Records);
        Assert.Contains(Email, record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_Information_record_of_a_sampled_trace_is_scrubbed_and_exported()
    {
        using (InTrace(sampled: true))
        {
            OrderNoted(_logger, Email);
        }

        var record = Assert.Single(_exported.Records);
        Assert.DoesNotContain(Email, record.Message, StringComparison.Ordinal);
        Assert.Contains("[REDACTED:email]", record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_warning_or_an_error_of_an_unsampled_trace_is_exported()
    {
        var exception = new InvalidOperationException($"failed for {Email}");
        using (InTrace(sampled: false))
        {
            OrderRejected(_logger, Email);
            OrderFailed(_logger, exception);
        }

        Assert.Equal([LogLevel.Warning, LogLevel.Error], _exported.Records.Select(record => record.Level));
        Assert.All(_exported.Records, record => Assert.DoesNotContain(Email, record.Message, StringComparison.Ordinal));
        Assert.All(_afterFilter.Records, record => Assert.False(record.HasException, "The scrubber turns the exception into scrubbed attributes."));
    }

    [Fact]
    public void A_record_outside_any_trace_is_exported()
    {
        Assert.Null(Activity.Current);
        OrderNoted(_logger, Email);

        var record = Assert.Single(_exported.Records);
        Assert.Equal(default, record.SpanId);
    }

    [Fact]
    public void The_scrubber_does_no_work_on_a_dropped_record()
    {
        var exception = new InvalidOperationException($"noted for {Email}");
        using (InTrace(sampled: false))
        {
            OrderNotedWithException(_logger, exception);
        }

        Assert.Empty(_exported.Records);

        // The scrubber would have taken the exception off the record, into scrubbed exception.* attributes.
        var record = Assert.Single(_afterFilter.Records);
        Assert.True(record.HasException);
    }

    [Fact]
    public void Switched_off_every_record_is_exported()
    {
        using var test = new TraceBasedLogFilterTests(new LogExportOptions { TraceBased = false });
        using (InTrace(sampled: false))
        {
            OrderNoted(test._logger, Email);
        }

        Assert.Single(test._exported.Records);
    }

    [Fact]
    public void Flush_and_shutdown_reach_the_export_chain()
    {
        var chain = new Seen();
        using var filter = new TraceBasedLogFilter(new LogExportOptions(), [chain]);

        Assert.True(filter.ForceFlush());
        Assert.True(filter.Shutdown());
        Assert.Equal(1, chain.Flushes);
        Assert.Equal(1, chain.Shutdowns);
    }

    [Theory]
    [InlineData("http://127.0.0.1:4317", true)]
    [InlineData(null, false)]
    public void The_service_defaults_put_the_filter_in_front_of_the_log_export_when_there_is_one(string? endpoint, bool filtered)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint })
            .Build();

        using var pipeline = LogExportPipeline.Create(configuration, new TelemetryOptions());

        Assert.Equal(filtered, pipeline is TraceBasedLogFilter);
    }

    /// <summary>A span of a trace the sampler kept or not; a bare Activity needs no listener, the logger reads Activity.Current.</summary>
    private static Activity InTrace(bool sampled) =>
        new Activity("request")
            .SetParentId(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), sampled ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None)
            .Start();

    [LoggerMessage(Level = LogLevel.Information, Message = "Order noted for {Email}")]
    private static partial void OrderNoted(ILogger logger, string email);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order noted")]
    private static partial void OrderNotedWithException(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order rejected for {Email}")]
    private static partial void OrderRejected(ILogger logger, string email);

    [LoggerMessage(Level = LogLevel.Error, Message = "Order failed")]
    private static partial void OrderFailed(ILogger logger, Exception exception);

    /// <summary>What a processor saw of each record as it passed (records are pooled: nothing is kept of the record itself).</summary>
    private sealed class Seen : BaseProcessor<LogRecord>
    {
        public List<(LogLevel Level, string Message, bool HasException, ActivitySpanId SpanId)> Records { get; } = [];

        public int Flushes { get; private set; }

        public int Shutdowns { get; private set; }

        public override void OnEnd(LogRecord data)
        {
#pragma warning disable CS0618 // LogLevel is the stable package's only public severity.
            var level = data.LogLevel;
#pragma warning restore CS0618
            var message = string.Join(" ", (data.Attributes ?? []).Select(a => $"{a.Key}={a.Value}").Prepend(data.FormattedMessage));
            Records.Add((level, message, data.Exception is not null, data.SpanId));
        }

        protected override bool OnForceFlush(int timeoutMilliseconds)
        {
            Flushes++;
            return true;
        }

        protected override bool OnShutdown(int timeoutMilliseconds)
        {
            Shutdowns++;
            return true;
        }
    }
}
