using System.Net.Http.Json;
using System.Text.Json;
using Alexandrite.Contracts;
using Alexandrite.MeshAnalysis;
using Dapper;

namespace Alexandrite.AspireTests.Scale;

/// <summary>Several Mes.Api instances share the price calculations, and Pricing:TimeScale 0 means instant (issue 16).</summary>
[Collection(ScaledAspireCollection.Name)]
public sealed class SharedPricingTests(ScaledAspireFixture fixture)
{
    private readonly ShopClient _shop = new(fixture);

    [Fact]
    public async Task Two_Mes_Api_instances_each_take_a_calculation_and_no_order_is_priced_twice()
    {
        // Each instance runs one calculation at a time. While the MES outbox takes no rows, a calculation cannot finish
        // (its result and its message are one transaction), so its instance holds it: a second order submitted then
        // can only be calculated by the other instance.
        var model = SampleModels.BinaryStlCube(10);
        await using var mes = await fixture.OpenDatabaseAsync(ResourceNames.MesDatabase);
        Guid[] orders;
        await using (var transaction = await mes.BeginTransactionAsync())
        {
            await mes.ExecuteAsync("LOCK TABLE mes.outbox_messages IN SHARE MODE", transaction: transaction);
            orders = await Task.WhenAll(Enumerable.Range(0, ScaledAspireFixture.MesInstances).Select(_ => _shop.SubmitNewOrderAsync(model, "silver", "cube.stl")));

            await using var observer = await fixture.OpenDatabaseAsync(ResourceNames.MesDatabase);
            var running = await Eventually.ValueAsync(
                async () =>
                {
                    var claimed = (await observer.QueryAsync<string>(
                        "SELECT claimed_by FROM price_jobs WHERE order_id = ANY(@orders) AND status = 'running'", new { orders })).ToList();
                    return claimed.Count == orders.Length ? claimed.Distinct(StringComparer.Ordinal).Count() : (int?)null;
                },
                ShopClient.StatusTimeout,
                () => "The calculations were not both taken while the first one was held.");
            Assert.Equal(ScaledAspireFixture.MesInstances, running);
            await transaction.RollbackAsync();
        }

        foreach (var orderId in orders)
        {
            var order = await _shop.WaitForStatusAsync(orderId, "MANUFACTURING_APPROVED");
            Assert.Single(ShopClient.HistoryStatuses(order), status => status == "PRICE_CALCULATED");
        }

        var jobs = (await mes.QueryAsync<(string Status, int Attempts, string ClaimedBy)>(
            "SELECT status, attempts, claimed_by FROM price_jobs WHERE order_id = ANY(@orders)", new { orders })).ToList();
        Assert.All(jobs, job => Assert.Equal(("done", 1), (job.Status, job.Attempts)));
        Assert.Equal(ScaledAspireFixture.MesInstances, jobs.Select(job => job.ClaimedBy).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Prometheus_scrapes_each_instance_as_one_job_mes_api()
    {
        // One job per service, so the rules' job="mes-api" covers every instance; the instance label tells them apart.
        var prometheus = fixture.ClientFor("prometheus");
        string[] instances = [];
        await Eventually.UntilAsync(
            async () =>
            {
                instances = (await prometheus.GetFromJsonAsync<JsonElement>("/api/v1/targets")).GetProperty("data").GetProperty("activeTargets").EnumerateArray()
                    .Where(target => target.GetProperty("labels").GetProperty("job").GetString() == ResourceNames.MesApi && target.GetProperty("health").GetString() == "up")
                    .Select(target => target.GetProperty("labels").GetProperty("instance").GetString()!)
                    .ToArray();
                return instances.Length == ScaledAspireFixture.MesInstances;
            },
            TimeSpan.FromSeconds(90),
            () => $"Prometheus scrapes {instances.Length} mes-api instances, not {ScaledAspireFixture.MesInstances}.");

        Assert.Equal(ScaledAspireFixture.MesInstances, instances.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task With_TimeScale_0_a_long_calculation_is_priced_at_once()
    {
        // About 105,000 triangles: 10 s + 1.8 ms per polygon, about 200 simulated seconds, no real time at all.
        var orderId = await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlSphere(230, 4), "silver", "sphere.stl");

        await _shop.WaitForStatusAsync(orderId, "MANUFACTURING_APPROVED");
        await using var mes = await fixture.OpenDatabaseAsync(ResourceNames.MesDatabase);
        var job = await mes.QuerySingleAsync<(string Status, int Attempts, long ProgressMs, long PlannedMs)>(
            "SELECT status, attempts, progress_ms, planned_ms FROM price_jobs WHERE order_id = @orderId", new { orderId });
        Assert.Equal(("done", 1), (job.Status, job.Attempts));
        Assert.True(job.PlannedMs > 150_000, $"planned {job.PlannedMs} ms");
        Assert.Equal(job.PlannedMs, job.ProgressMs);
    }
}
