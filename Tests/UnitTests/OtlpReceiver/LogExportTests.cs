using System.Diagnostics;
using Alexandrite.Testing.Otlp;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Resources;

namespace Alexandrite.UnitTests.Otlp;

/// <summary>Log records exported by the real OpenTelemetry .NET OTLP exporter decode field by field.</summary>
public sealed partial class LogExportTests
{
    private const string Category = "Alexandrite.UnitTests.LogExport";

    [Fact]
    public async Task StructuredLogInsideAnActivityRoundTrips()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        using var loggerFactory = CreateLoggerFactory(receiver, "log-export-test");
        var logger = loggerFactory.CreateLogger(Category);

        // A bare Activity needs no listener; the logger reads Activity.Current for the ids.
        using var activity = new Activity("place order").Start();
        var before = DateTimeOffset.UtcNow;
        OrderRejected(logger, "ord-17", 12.5, 3, true);
        activity.Stop();

        var records = await receiver.WaitForLogRecordsAsync(r => r.Count >= 1, ExporterOptions.Patience);

        var record = Assert.Single(records);
        Assert.Equal("Order {OrderId} rejected at {Amount} after {Attempts} attempts (express {Express})", record.Body);
        Assert.Equal(13, record.SeverityNumber);
        Assert.Equal("Warning", record.SeverityText);
        Assert.Equal("OrderRejected", record.EventName);
        // The exporter moves {OriginalFormat} into the body and adds nothing of its own.
        Assert.Equal(["Amount", "Attempts", "Express", "OrderId"], record.Attributes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("ord-17", record.GetString("OrderId"));
        Assert.Equal(12.5, record.Attributes["Amount"]);
        Assert.Equal(3L, record.Attributes["Attempts"]);
        Assert.True(Assert.IsType<bool>(record.Attributes["Express"]));
        Assert.Equal(activity.TraceId.ToHexString(), record.TraceId);
        Assert.Equal(activity.SpanId.ToHexString(), record.SpanId);
        Assert.InRange(record.Timestamp, before.AddSeconds(-1), DateTimeOffset.UtcNow);
        Assert.Equal(Category, record.ScopeName);
        Assert.Equal("log-export-test", record.ServiceName);
    }

    [Fact]
    public async Task LogOutsideAnActivityHasNoTraceContext()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        using var loggerFactory = CreateLoggerFactory(receiver, "log-export-test");
        Assert.Null(Activity.Current);

        var logger = loggerFactory.CreateLogger(Category);
        StockLow(logger, 4);

        var record = Assert.Single(await receiver.WaitForLogRecordsAsync(r => r.Count >= 1, ExporterOptions.Patience));
        Assert.Null(record.TraceId);
        Assert.Null(record.SpanId);
        Assert.Equal(9, record.SeverityNumber);
        Assert.Equal("Information", record.SeverityText);
        Assert.Equal(4L, record.Attributes["Remaining"]);
        Assert.Equal(OtlpPaths.Logs, Assert.Single(await receiver.WaitForRequestsAsync(r => r.Count >= 1, ExporterOptions.Patience)).Path);
    }

    internal static ILoggerFactory CreateLoggerFactory(OtlpReceiver receiver, string serviceName) =>
        LoggerFactory.Create(logging => logging.AddOpenTelemetry(options =>
        {
            options.SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService(serviceName));
            options.AddOtlpExporter(o => o.PointAt(receiver, OtlpPaths.Logs));
        }));

    [LoggerMessage(EventId = 42, Level = LogLevel.Warning, Message = "Order {OrderId} rejected at {Amount} after {Attempts} attempts (express {Express})")]
    private static partial void OrderRejected(ILogger logger, string orderId, double amount, int attempts, bool express);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Stock low: {Remaining} left")]
    private static partial void StockLow(ILogger logger, int remaining);
}
