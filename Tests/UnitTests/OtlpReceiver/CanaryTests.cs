using System.Diagnostics;
using System.Diagnostics.Metrics;
using Alexandrite.Testing.Otlp;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Alexandrite.UnitTests.Otlp;

/// <summary>
/// A canary planted in any signal of the real exporter shows up in AllStrings: the check later
/// tests use to prove PII never leaves a service must be able to see it.
/// </summary>
public sealed partial class CanaryTests
{
    [Fact]
    public async Task CanariesFromEveryRealExporterSignalAreFound()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        using var source = new ActivitySource("Alexandrite.UnitTests.AllStrings");
        using var tracerProvider = Sdk.CreateTracerProviderBuilder()
            .AddSource(source.Name)
            .AddOtlpExporter(o => o.PointAt(receiver, OtlpPaths.Traces))
            .Build();
        using var meter = new Meter("Alexandrite.UnitTests.AllStrings");
        using var meterProvider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(meter.Name)
            .AddOtlpExporter(o => o.PointAt(receiver, OtlpPaths.Metrics))
            .Build();
        using var loggerFactory = LogExportTests.CreateLoggerFactory(receiver, "all-strings-test");
        var logger = loggerFactory.CreateLogger("Alexandrite.UnitTests.AllStrings");

        using (var activity = source.StartActivity("canary carrier")!)
        {
            activity.SetTag("customer.email", "canary-span-attribute@example.test");
            activity.AddEvent(new ActivityEvent("lookup", tags: new ActivityTagsCollection { ["query"] = "canary-event-attribute" }));
        }

        CanaryBody(logger);
        meter.CreateCounter<int>("lookups").Add(1, new KeyValuePair<string, object?>("customer", "canary-metric-attribute"));
        Assert.True(meterProvider.ForceFlush());
        await receiver.WaitForRequestsAsync(r => r.Count >= 3, ExporterOptions.Patience);

        var strings = receiver.AllStrings().ToHashSet();
        Assert.Contains("canary-span-attribute@example.test", strings);
        Assert.Contains("canary-event-attribute", strings);
        Assert.Contains("canary-log-body", strings);
        Assert.Contains("canary-metric-attribute", strings);
        Assert.Contains("customer.email", strings);
        Assert.Contains("lookups", strings);
        Assert.DoesNotContain("canary-never-sent", strings);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "canary-log-body")]
    private static partial void CanaryBody(ILogger logger);
}
