using System.Net;
using Alexandrite.Contracts;

namespace Alexandrite.AspireTests.Reliability;

/// <summary>
/// With Postgres stopped (the dashboard's Stop command), Shop.Api answers 503 with Retry-After as a problem, never a
/// 500 naming the database's address; once Postgres is started again it answers as before, by itself. Messages the
/// consumers cannot apply meanwhile wait in their retry queues, not in a dead-letter queue, and every order moves on.
/// </summary>
[Collection(AspireCollection.Name)]
public sealed class DatabaseOutageTests(AspireFixture fixture)
{
    private const string Postgres = "postgres";

    private readonly ShopClient _shop = new(fixture);

    [Fact]
    public async Task A_request_while_the_database_is_down_is_a_503_with_Retry_After_and_works_again_after()
    {
        var orderId = await _shop.CreateOrderAsync();

        await fixture.App.StopResourceAsync(Postgres);
        HttpResponseMessage whileDown;
        try
        {
            whileDown = await fixture.ShopApi.GetAsync($"/api/orders/{orderId}");
        }
        finally
        {
            await fixture.App.StartResourceAsync(Postgres);
        }

        using (whileDown)
        {
            await ShopClient.AssertUnavailableAsync(whileDown);
        }

        // The service's connection pool opens new connections by itself: no restart of Shop.Api.
        var deadline = DateTime.UtcNow + ResourceLifecycle.Timeout;
        while (true)
        {
            using var again = await fixture.ShopApi.GetAsync($"/api/orders/{orderId}");
            if (again.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Shop.Api still answers {(int)again.StatusCode} after Postgres came back.\n{fixture.DescribeForFailure()}");
            await Task.Delay(250);
        }

        Assert.Equal("INITIATED", (await _shop.GetOrderAsync(orderId)).GetProperty("status").GetString());
        await _shop.WaitForStatusAsync(await _shop.SubmitNewOrderAsync(MeshAnalysis.SampleModels.BinaryStlCube(5), "silver"), "MANUFACTURING_APPROVED");
    }

    /// <summary>
    /// The drill that once dead-lettered orders for good: a backlog in both consumers (CRM's PriceCalculated, MES's
    /// OrderSubmitted), Postgres stopped, the consumers resumed into the outage until each has sent a message to its
    /// retry queue, then Postgres back. Every order reaches CLOSED with no support action, each status once, nothing in a
    /// dead-letter queue.
    /// </summary>
    [Fact]
    public async Task With_a_backlog_in_every_consumer_a_database_outage_delays_orders_but_loses_none()
    {
        const int PerConsumer = 3;
        var orders = new List<Guid>();
        await using var connection = await BrokerClient.ConnectAsync(fixture);
        await using var channel = await connection.CreateChannelAsync();
        await fixture.App.RunCommandAsync(ResourceNames.CrmApi, "pause-consumer");
        await fixture.App.RunCommandAsync(ResourceNames.MesApi, "pause-consumer");
        try
        {
            // MES runs until CRM's queue holds a PriceCalculated per order; then MES pauses with OrderSubmitted waiting.
            await fixture.App.RunCommandAsync(ResourceNames.MesApi, "resume-consumer");
            for (var i = 0; i < PerConsumer; i++)
            {
                orders.Add(await _shop.SubmitNewOrderAsync(MeshAnalysis.SampleModels.BinaryStlCube(5), "silver"));
            }

            await BrokerClient.WaitForMessagesAsync(fixture, channel, Messaging.MessagingTopology.QueueFor(ResourceNames.CrmApi), PerConsumer);
            await fixture.App.RunCommandAsync(ResourceNames.MesApi, "pause-consumer");
            for (var i = 0; i < PerConsumer; i++)
            {
                orders.Add(await _shop.SubmitNewOrderAsync(MeshAnalysis.SampleModels.BinaryStlCube(5), "silver"));
            }

            await BrokerClient.WaitForMessagesAsync(fixture, channel, Messaging.MessagingTopology.QueueFor(ResourceNames.MesApi), PerConsumer);
            var crmRetries = RetryLogLines(ResourceNames.CrmApi);
            var mesRetries = RetryLogLines(ResourceNames.MesApi);
            await fixture.App.StopResourceAsync(Postgres);
            try
            {
                await fixture.App.RunCommandAsync(ResourceNames.CrmApi, "resume-consumer");
                await fixture.App.RunCommandAsync(ResourceNames.MesApi, "resume-consumer");

                // Both consumers have used up their quick attempts and sent a message to wait in the retry queue,
                // which is where the old behaviour dead-lettered it for good.
                await WaitForMoreRetriesAsync(ResourceNames.CrmApi, crmRetries);
                await WaitForMoreRetriesAsync(ResourceNames.MesApi, mesRetries);
            }
            finally
            {
                await fixture.App.StartResourceAsync(Postgres);
            }
        }
        finally
        {
            // Resumed already unless a step above failed; resuming twice is harmless.
            await fixture.App.RunCommandAsync(ResourceNames.CrmApi, "resume-consumer");
            await fixture.App.RunCommandAsync(ResourceNames.MesApi, "resume-consumer");
        }

        await _shop.ShipAndCloseAllAsync(orders, ResourceLifecycle.Timeout);
    }

    /// <summary>How many times <paramref name="service"/> has sent a message to its retry queue (the consumer's log line).</summary>
    private int RetryLogLines(string service) => fixture.LogLines(service).Count(line => line.Contains("it comes back in", StringComparison.Ordinal));

    private Task WaitForMoreRetriesAsync(string service, int before) =>
        Eventually.UntilAsync(() => Task.FromResult(RetryLogLines(service) > before), ResourceLifecycle.Timeout,
            () => $"{service} never sent a message to its retry queue.\n{fixture.DescribeForFailure()}");
}
