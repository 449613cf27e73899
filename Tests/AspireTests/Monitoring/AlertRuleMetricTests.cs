using System.Text;
using Alexandrite.MeshAnalysis;
using Alexandrite.Testing.Otlp;

namespace Alexandrite.AspireTests.Monitoring;

/// <summary>
/// The alert rules and the dashboard in deploy/ select metrics by their Prometheus names; those names must be
/// what the services really emit. Each metric point the OTLP receiver got is named as Prometheus would name it
/// (<see cref="PrometheusNames"/>: its OTel name, unit and type), and every name the rules use must be among them.
/// </summary>
[Collection(AspireCollection.Name)]
public sealed class AlertRuleMetricTests(AspireFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly ShopClient _shop = new(fixture);

    [Fact]
    public async Task Every_metric_the_alert_rules_and_the_dashboard_use_is_one_the_services_emit()
    {
        var used = MonitoringFiles.MetricNamesUsed().Except(MonitoringFiles.PrometheusOwnSeries).ToHashSet(StringComparer.Ordinal);
        // The extraction itself found what it must: a wrong regex would make this test pass on nothing.
        Assert.Contains("alexandrite_order_stuck_count", used);
        Assert.Contains("alexandrite_price_calculation_duration_seconds_bucket", used);

        // Everything the rules watch happens at least once: an order priced and approved (transitions, time in
        // status, price calculation, queue delay) and a poison message dead-lettered by MES. The gauges report
        // from their services' start.
        var orderId = await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(5), "silver");
        await _shop.WaitForStatusAsync(orderId, "MANUFACTURING_APPROVED");
        await using (var connection = await BrokerClient.ConnectAsync(fixture))
        await using (var channel = await connection.CreateChannelAsync())
        {
            await BrokerClient.PublishAsync(channel, "order.submitted", Guid.NewGuid(), Guid.NewGuid(), Encoding.UTF8.GetBytes("not json"));
        }

        IReadOnlySet<string> emitted = new HashSet<string>();
        try
        {
            await fixture.Telemetry.WaitForMetricPointsAsync(all => used.IsSubsetOf(emitted = Emitted(all)), Timeout);
        }
        catch (TimeoutException)
        {
            // The assertion says which.
        }

        var missing = used.Except(emitted).Order().ToList();
        Assert.True(missing.Count == 0,
            $"The rules or the dashboard use metrics no service emitted: {string.Join(", ", missing)}.{Environment.NewLine}" +
            $"Emitted: {string.Join(", ", emitted.Where(name => name.StartsWith("alexandrite_", StringComparison.Ordinal)).Order())}");
    }

    private static HashSet<string> Emitted(IEnumerable<ReceivedMetricPoint> points) =>
        points.Select(point => (point.MetricName, point.Unit, point.Kind, point.IsMonotonic)).Distinct()
            .SelectMany(metric => PrometheusNames.Of(metric.MetricName, metric.Unit, metric.Kind, metric.IsMonotonic))
            .ToHashSet(StringComparer.Ordinal);
}
