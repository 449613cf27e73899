using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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
            var body = await whileDown.Content.ReadAsStringAsync();
            Assert.True(whileDown.StatusCode == HttpStatusCode.ServiceUnavailable, $"got {(int)whileDown.StatusCode}: {body}");
            Assert.Equal("application/problem+json", whileDown.Content.Headers.ContentType?.MediaType);
            Assert.True(whileDown.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 without Retry-After");
            Assert.Equal(503, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
            Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal);
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

            await WaitForMessagesAsync(channel, Messaging.MessagingTopology.QueueFor(ResourceNames.CrmApi), PerConsumer);
            await fixture.App.RunCommandAsync(ResourceNames.MesApi, "pause-consumer");
            for (var i = 0; i < PerConsumer; i++)
            {
                orders.Add(await _shop.SubmitNewOrderAsync(MeshAnalysis.SampleModels.BinaryStlCube(5), "silver"));
            }

            await WaitForMessagesAsync(channel, Messaging.MessagingTopology.QueueFor(ResourceNames.MesApi), PerConsumer);
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

        foreach (var orderId in orders)
        {
            await _shop.WaitForStatusAsync(orderId, "MANUFACTURING_APPROVED", ResourceLifecycle.Timeout);
            await _shop.ShipAsync(orderId);
        }

        Assert.DoesNotContain((await fixture.Support.GetFromJsonAsync<JsonElement>("/api/dead-letters")).EnumerateArray(),
            letter => orders.Contains(letter.GetProperty("orderId").GetGuid()));
        foreach (var orderId in orders)
        {
            var closed = await _shop.WaitForStatusAsync(orderId, "CLOSED");
            var statuses = ShopClient.HistoryStatuses(closed);
            Assert.Equal(statuses.Distinct().Count(), statuses.Length);
        }
    }

    /// <summary>How many times <paramref name="service"/> has sent a message to its retry queue (the consumer's log line).</summary>
    private int RetryLogLines(string service) => fixture.LogLines(service).Count(line => line.Contains("it comes back in", StringComparison.Ordinal));

    private async Task WaitForMoreRetriesAsync(string service, int before)
    {
        var deadline = DateTime.UtcNow + ResourceLifecycle.Timeout;
        while (RetryLogLines(service) <= before)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{service} never sent a message to its retry queue.\n{fixture.DescribeForFailure()}");
            await Task.Delay(250);
        }
    }

    private static async Task WaitForMessagesAsync(RabbitMQ.Client.IChannel channel, string queue, int count)
    {
        var deadline = DateTime.UtcNow + ShopClient.StatusTimeout;
        while (await channel.MessageCountAsync(queue) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{queue} never held {count} messages.");
            await Task.Delay(200);
        }
    }
}
