using System.Text;
using Alexandrite.Contracts;
using Alexandrite.MeshAnalysis;
using Alexandrite.Testing.Otlp;
using Dapper;
using RabbitMQ.Client;

namespace Alexandrite.AspireTests.Lifecycle;

/// <summary>Reliable messaging between the services: dead letters, duplicates, restarts.</summary>
[Collection(AspireCollection.Name)]
public sealed class MessagingTests(AspireFixture fixture)
{
    private readonly ShopClient _shop = new(fixture);

    [Fact]
    public async Task A_poison_message_lands_in_the_dead_letter_queue_and_is_not_lost()
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        var before = await channel.MessageCountAsync("mes-api.orders.dlq");

        await PublishAsync(channel, "order.submitted", Guid.NewGuid(), Guid.NewGuid(), Encoding.UTF8.GetBytes("{ this is not json"));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await channel.MessageCountAsync("mes-api.orders.dlq") == before)
        {
            Assert.True(DateTime.UtcNow < deadline, "The poison message never reached mes-api.orders.dlq.");
            await Task.Delay(200);
        }

        Assert.Equal(before + 1, await channel.MessageCountAsync("mes-api.orders.dlq"));
    }

    [Fact]
    public async Task A_duplicate_delivery_changes_nothing()
    {
        var orderId = await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(10), "gold");
        var priced = await _shop.WaitForStatusAsync(orderId, "PRICE_CALCULATED");

        // The very message CRM applied, published again with the same message id.
        var (messageId, payload) = await AppliedMessageAsync(orderId, "order.price-calculated");
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        await PublishAsync(channel, "order.price-calculated", messageId, orderId, Encoding.UTF8.GetBytes(payload));

        var spans = await fixture.Telemetry.WaitForSpansAsync(
            all => all.Count(span => span.Name == "process order.price-calculated" && span.GetString("messaging.message.id") == messageId.ToString()) == 2,
            TraceAssertions.TelemetryTimeout);
        var outcomes = spans.Where(span => span.Name == "process order.price-calculated" && span.GetString("messaging.message.id") == messageId.ToString())
            .Select(span => span.GetString("messaging.outcome") ?? "").Order().ToArray();
        Assert.Equal(["duplicate", "ok"], outcomes);

        var after = await _shop.GetOrderAsync(orderId);
        Assert.Equal("PRICE_CALCULATED", after.GetProperty("status").GetString());
        Assert.Equal(priced.GetProperty("history").GetArrayLength(), after.GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task A_restart_of_Mes_Api_during_a_calculation_still_ends_in_PRICE_CALCULATED()
    {
        // About 105,000 triangles: 10 s + 1.8 ms per polygon = 200 simulated seconds, 4 real seconds here.
        var orderId = await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlSphere(230, 4), "silver", "sphere.stl");
        await Eventually.UntilAsync(async () => await JobProgressAsync(orderId) > 0, ShopClient.StatusTimeout, () => "the calculation never started");

        await fixture.App.KillResourceAsync(ResourceNames.MesApi);
        long progressAtStop;
        try
        {
            progressAtStop = await JobProgressAsync(orderId);
        }
        finally
        {
            await fixture.App.StartResourceAsync(ResourceNames.MesApi);
        }

        var order = await _shop.WaitForStatusAsync(orderId, "MANUFACTURING_APPROVED");
        Assert.Contains("PRICE_CALCULATED", ShopClient.HistoryStatuses(order));
        await using var mes = await fixture.OpenDatabaseAsync(ResourceNames.MesDatabase);
        var job = await mes.QuerySingleAsync<(string Status, int Attempts, long ProgressMs, long PlannedMs)>(
            "SELECT status, attempts, progress_ms, planned_ms FROM price_jobs WHERE order_id = @orderId", new { orderId });
        Assert.Equal("done", job.Status);
        Assert.Equal(2, job.Attempts);
        Assert.True(progressAtStop > 0 && progressAtStop < job.PlannedMs, $"stopped at {progressAtStop} of {job.PlannedMs} ms");
        Assert.Equal(job.PlannedMs, job.ProgressMs);
    }

    [Fact]
    public async Task Long_calculations_run_at_once_and_each_order_is_priced_once()
    {
        // Three calculations of about 4 s each: one at a time they would take 12 s, one after another.
        var model = SampleModels.BinaryStlSphere(230, 4);
        var orders = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _shop.SubmitNewOrderAsync(model, "silver", "sphere.stl")));
        foreach (var orderId in orders)
        {
            await _shop.WaitForStatusAsync(orderId, "MANUFACTURING_APPROVED");
        }

        await using var mes = await fixture.OpenDatabaseAsync(ResourceNames.MesDatabase);
        var jobs = (await mes.QueryAsync<(string Status, int Attempts, DateTime StartedAt, DateTime FinishedAt)>(
            "SELECT status, attempts, started_at, finished_at FROM price_jobs WHERE order_id = ANY(@orders)", new { orders })).ToList();
        Assert.Equal(3, jobs.Count);
        Assert.All(jobs, job => Assert.Equal(("done", 1), (job.Status, job.Attempts)));
        var lastStart = jobs.Max(job => job.StartedAt);
        var firstEnd = jobs.Min(job => job.FinishedAt);
        Assert.True(lastStart < firstEnd, $"The calculations did not overlap: the last began at {lastStart:O}, the first ended at {firstEnd:O}.");
    }

    private async Task<long> JobProgressAsync(Guid orderId)
    {
        await using var mes = await fixture.OpenDatabaseAsync(ResourceNames.MesDatabase);
        return await mes.QuerySingleOrDefaultAsync<long?>("SELECT progress_ms FROM price_jobs WHERE order_id = @orderId", new { orderId }) ?? 0;
    }

    private async Task<(Guid MessageId, string Payload)> AppliedMessageAsync(Guid orderId, string messageType)
    {
        await using var shop = await fixture.OpenDatabaseAsync(ResourceNames.ShopDatabase);
        var messageId = await shop.QuerySingleAsync<Guid>(
            "SELECT message_id FROM crm.inbox_messages WHERE order_id = @orderId AND message_type = @messageType", new { orderId, messageType });
        await using var mes = await fixture.OpenDatabaseAsync(ResourceNames.MesDatabase);
        var payload = await mes.QuerySingleAsync<string>("SELECT payload::text FROM mes.outbox_messages WHERE id = @messageId", new { messageId });
        return (messageId, payload);
    }

    private Task<IConnection> ConnectAsync() => BrokerClient.ConnectAsync(fixture);

    private static Task PublishAsync(IChannel channel, string messageType, Guid messageId, Guid orderId, byte[] body) =>
        BrokerClient.PublishAsync(channel, messageType, messageId, orderId, body);
}
