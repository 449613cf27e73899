using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Alexandrite.Contracts;
using Alexandrite.MeshAnalysis;

namespace Alexandrite.AspireTests.Monitoring;

/// <summary>
/// Prometheus runs with the system (the AppHost's "prometheus" resource): it scrapes every service on its internal
/// metrics endpoint, evaluates deploy/prometheus/alerts.yml, and sends to the AppHost's Alertmanager; the metric
/// names the rules and the dashboard use are the names Prometheus really stores.
/// </summary>
[Collection(AspireCollection.Name)]
public sealed partial class PrometheusTests(AspireFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private readonly ShopClient _shop = new(fixture);

    private HttpClient Prometheus => fixture.ClientFor("prometheus");

    [Fact]
    public async Task Prometheus_scrapes_every_service_and_loads_the_alert_rules_with_the_AppHost_s_Alertmanager()
    {
        var prometheus = Prometheus;
        string[] jobs = [];
        await Eventually.UntilAsync(async () =>
        {
            var targets = (await prometheus.GetFromJsonAsync<JsonElement>("/api/v1/targets")).GetProperty("data").GetProperty("activeTargets").EnumerateArray().ToList();
            jobs = targets.Where(target => target.GetProperty("health").GetString() == "up")
                .Select(target => target.GetProperty("labels").GetProperty("job").GetString()!).Order(StringComparer.Ordinal).ToArray();
            return jobs.Length == ServiceConfiguration.Services.Count;
        }, Timeout, () => NeverGotThere(prometheus));
        Assert.Equal(ServiceConfiguration.Services.Order(StringComparer.Ordinal), jobs);

        var rules = (await prometheus.GetFromJsonAsync<JsonElement>("/api/v1/rules")).GetProperty("data").GetProperty("groups").EnumerateArray()
            .SelectMany(group => group.GetProperty("rules").EnumerateArray()).ToList();
        var alerts = AlertName().Matches(await File.ReadAllTextAsync(MonitoringFiles.AlertRules)).Select(match => match.Groups["name"].Value).Order(StringComparer.Ordinal);
        Assert.Equal(alerts, rules.Select(rule => rule.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(rules, rule => Assert.Equal("ok", rule.GetProperty("health").GetString()));

        var alertmanager = fixture.App.GetEndpoint("alertmanager", "http");
        await Eventually.UntilAsync(async () =>
            (await prometheus.GetFromJsonAsync<JsonElement>("/api/v1/alertmanagers")).GetProperty("data").GetProperty("activeAlertmanagers").EnumerateArray()
                .Any(active => new Uri(active.GetProperty("url").GetString()!).Port == alertmanager.Port), Timeout, () => NeverGotThere(prometheus));
    }

    [Fact]
    public async Task Every_metric_the_alert_rules_and_the_dashboard_use_is_stored_in_Prometheus_under_that_name()
    {
        // What the rules watch happens at least once: an order priced and approved, and a poison message dead-lettered.
        var orderId = await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(5), "silver");
        await _shop.WaitForStatusAsync(orderId, "MANUFACTURING_APPROVED");
        await using (var connection = await BrokerClient.ConnectAsync(fixture))
        await using (var channel = await connection.CreateChannelAsync())
        {
            await BrokerClient.PublishAsync(channel, "order.submitted", Guid.NewGuid(), Guid.NewGuid(), Encoding.UTF8.GetBytes("not json"));
        }

        var used = MonitoringFiles.MetricNamesUsed();
        var prometheus = Prometheus;
        IReadOnlySet<string> stored = new HashSet<string>();
        try
        {
            await Eventually.UntilAsync(async () =>
            {
                stored = (await prometheus.GetFromJsonAsync<JsonElement>("/api/v1/label/__name__/values")).GetProperty("data").EnumerateArray()
                    .Select(name => name.GetString()!).ToHashSet(StringComparer.Ordinal);
                return used.IsSubsetOf(stored);
            }, Timeout, () => NeverGotThere(prometheus));
        }
        catch (Xunit.Sdk.XunitException)
        {
            // The assertion below says which names are missing.
        }

        var missing = used.Except(stored).Order().ToList();
        Assert.True(missing.Count == 0,
            $"Prometheus stores no series for: {string.Join(", ", missing)}.\nIt has: {string.Join(", ", stored.Where(name => name.StartsWith("alexandrite_", StringComparison.Ordinal)).Order())}");
    }

    private string NeverGotThere(HttpClient prometheus) => $"Prometheus ({prometheus.BaseAddress}) never got there.\n{fixture.DescribeForFailure()}";

    [GeneratedRegex(@"^\s*- alert: (?<name>\w+)", RegexOptions.Multiline)]
    private static partial Regex AlertName();
}
