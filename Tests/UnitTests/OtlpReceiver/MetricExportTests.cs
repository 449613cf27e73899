using System.Diagnostics.Metrics;
using Alexandrite.Testing.Otlp;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Alexandrite.UnitTests.Otlp;

/// <summary>Metric points exported by the real OpenTelemetry .NET OTLP exporter decode field by field.</summary>
public sealed class MetricExportTests
{
    [Fact]
    public async Task CounterHistogramAndObservableGaugeRoundTrip()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        using var meter = new Meter("Alexandrite.UnitTests.MetricExport", "2.0.0");
        var orders = meter.CreateCounter<long>("orders.placed", unit: "{order}", description: "Orders placed");
        var value = meter.CreateHistogram<double>("order.value", unit: "EUR", description: "Order value");
        meter.CreateObservableGauge("queue.depth", () => new Measurement<int>(7, new KeyValuePair<string, object?>("queue", "orders")));
        using var meterProvider = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("metric-export-test"))
            .AddMeter(meter.Name)
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.PointAt(receiver, OtlpPaths.Metrics);
                // Only the explicit ForceFlush below exports, so each metric arrives exactly once.
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)TimeSpan.FromHours(1).TotalMilliseconds;
            })
            .Build();

        orders.Add(2, new KeyValuePair<string, object?>("channel", "web"));
        orders.Add(3, new KeyValuePair<string, object?>("channel", "web"));
        orders.Add(1, new KeyValuePair<string, object?>("channel", "shop"));
        value.Record(10);
        value.Record(32.5);
        Assert.True(meterProvider.ForceFlush());

        var points = await receiver.WaitForMetricPointsAsync(p => p.Count >= 4, ExporterOptions.Patience);

        Assert.Equal(4, points.Count);
        Assert.All(points, p => Assert.Equal("metric-export-test", p.ServiceName));
        Assert.All(points, p => Assert.Equal(meter.Name, p.ScopeName));

        var web = Assert.Single(points, p => p.MetricName == "orders.placed" && p.GetString("channel") == "web");
        Assert.Equal(ReceivedMetricKind.Sum, web.Kind);
        Assert.Equal(5, web.Value);
        Assert.Equal("{order}", web.Unit);
        Assert.Equal("Orders placed", web.Description);
        Assert.Null(web.Count);
        Assert.Equal(1, Assert.Single(points, p => p.MetricName == "orders.placed" && p.GetString("channel") == "shop").Value);

        var histogram = Assert.Single(points, p => p.MetricName == "order.value");
        Assert.Equal(ReceivedMetricKind.Histogram, histogram.Kind);
        Assert.Equal(2UL, histogram.Count);
        Assert.Equal(42.5, histogram.Sum);
        Assert.Null(histogram.Value);
        Assert.Equal("EUR", histogram.Unit);
        Assert.Empty(histogram.Attributes);

        var gauge = Assert.Single(points, p => p.MetricName == "queue.depth");
        Assert.Equal(ReceivedMetricKind.Gauge, gauge.Kind);
        Assert.Equal(7, gauge.Value);
        Assert.Equal("orders", gauge.GetString("queue"));
        Assert.InRange(gauge.Time, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task A_counter_is_a_monotonic_sum_and_an_up_down_counter_is_not()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        using var meter = new Meter("Alexandrite.UnitTests.Monotonic");
        var done = meter.CreateCounter<long>("jobs.done", "{job}");
        var running = meter.CreateUpDownCounter<long>("jobs.running", "{job}");
        using var meterProvider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(meter.Name)
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.PointAt(receiver, OtlpPaths.Metrics);
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)TimeSpan.FromHours(1).TotalMilliseconds;
            })
            .Build();
        done.Add(3);
        running.Add(2);
        Assert.True(meterProvider.ForceFlush());

        var points = await receiver.WaitForMetricPointsAsync(p => p.Count >= 2, ExporterOptions.Patience);

        Assert.True(Assert.Single(points, p => p.MetricName == "jobs.done").IsMonotonic);
        Assert.False(Assert.Single(points, p => p.MetricName == "jobs.running").IsMonotonic);
    }
}
