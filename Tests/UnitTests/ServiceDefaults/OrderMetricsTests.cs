using System.Diagnostics.Metrics;
using Alexandrite.Contracts;
using Alexandrite.ServiceDefaults.Telemetry;

namespace Alexandrite.UnitTests.ServiceDefaults;

public sealed class OrderMetricsTests
{
    [Theory]
    [InlineData(12, "under_1k")]
    [InlineData(999, "under_1k")]
    [InlineData(1_000, "1k_to_10k")]
    [InlineData(99_999, "10k_to_100k")]
    [InlineData(105_000, "100k_to_1M")]
    [InlineData(1_000_000, "over_1M")]
    public void Polygon_counts_fall_into_a_few_bands(long polygons, string band) => Assert.Equal(band, OrderMetrics.PolygonBand(polygons));

    [Theory]
    [InlineData(0, "under_1m")]
    [InlineData(59, "under_1m")]
    [InlineData(60, "1m_to_10m")]
    [InlineData(600, "10m_to_1h")]
    [InlineData(3_599, "10m_to_1h")]
    [InlineData(86_400, "over_1d")]
    public void An_age_falls_into_the_band_that_starts_at_or_before_it(int seconds, string band) =>
        Assert.Equal(band, OrderMetrics.AgeBands[OrderMetrics.AgeBandOf(TimeSpan.FromSeconds(seconds))]);

    [Fact]
    public void Every_open_stage_and_band_and_every_watched_stage_is_reported_with_zero_where_nothing_is_counted()
    {
        var observed = new List<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name is OrderMetrics.OrderCount or OrderMetrics.StuckOrderCount)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            observed.Add((instrument.Name, value, tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value))));
        listener.Start();

        OrderMetrics.ReportOpenOrders(
            [new OpenOrderCount(OrderStatus.Submitted, 2, 3, 1), new OpenOrderCount(OrderStatus.Submitted, 3, 2, 2)],
            [OrderStatus.Submitted, OrderStatus.Shipped]);
        listener.RecordObservableInstruments();

        var counts = observed.Where(m => m.Instrument == OrderMetrics.OrderCount).ToList();
        Assert.Equal(9 * OrderMetrics.AgeBands.Count, counts.Count);
        Assert.Equal(3, Assert.Single(counts, m => Equals(m.Tags["order.stage.name"], "SUBMITTED") && Equals(m.Tags["order.stage.age_band"], "10m_to_1h")).Value);
        Assert.Equal(5, counts.Sum(m => m.Value));
        var stuck = observed.Where(m => m.Instrument == OrderMetrics.StuckOrderCount).ToList();
        Assert.Equal(3, Assert.Single(stuck, m => Equals(m.Tags["order.stage.name"], "SUBMITTED")).Value);
        Assert.Equal("mes-api", Assert.Single(stuck, m => Equals(m.Tags["order.stage.name"], "SUBMITTED")).Tags["order.stage.owner"]);
        Assert.Equal(0, Assert.Single(stuck, m => Equals(m.Tags["order.stage.name"], "SHIPPED")).Value);
    }
}
