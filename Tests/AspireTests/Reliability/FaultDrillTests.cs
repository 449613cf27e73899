using System.Text.Json;
using Alexandrite.Contracts;
using Alexandrite.MeshAnalysis;
using Alexandrite.Messaging;
using Alexandrite.Testing.Otlp;
using Dapper;
using Npgsql;
using Xunit.Abstractions;

namespace Alexandrite.AspireTests.Reliability;

/// <summary>
/// The fault drills of "no order stuck for good": kill -9 of each service at the moment it holds work in flight
/// (Shop.Api with messages in its outbox, Crm.Api and Mes.Api with a backlog in their queues), and S3 stopped
/// while customers upload and while MES reads the models. Each drill ends the same way
/// (<see cref="ShopClient.ShipAndCloseAllAsync"/>): every order of the drill reaches CLOSED, no status twice in any
/// history, none of them in a dead-letter queue.
/// </summary>
[Collection(AspireCollection.Name)]
public sealed class FaultDrillTests(AspireFixture fixture, ITestOutputHelper output)
{
    /// <summary>Orders per drill: enough for a backlog that a crash cuts through, few enough for a drill of seconds.</summary>
    private const int OrdersPerDrill = 3;

    private readonly ShopClient _shop = new(fixture);

    /// <summary>
    /// kill -9 of Shop.Api right after it took several orders, with their OrderSubmitted still in its outbox: the broker
    /// is stopped while they are submitted, which holds them there for certain (the relay publishes within
    /// milliseconds otherwise). The broker is started, then Shop.Api: its relay publishes what the dead one left.
    /// </summary>
    [Fact]
    public async Task A_kill_9_of_Shop_Api_with_OrderSubmitted_in_its_outbox_loses_no_order()
    {
        var orders = new List<Guid>();
        var killed = false;
        await fixture.App.StopResourceAsync(ResourceNames.Messaging);
        try
        {
            for (var i = 0; i < OrdersPerDrill; i++)
            {
                orders.Add(await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(5), "silver"));
            }

            killed = true;
            await fixture.App.KillResourceAsync(ResourceNames.ShopApi);
            Assert.Equal(orders.Count, await UnpublishedAsync(ResourceNames.ShopDatabase, "shop", orders));
        }
        finally
        {
            // The broker first: Shop.Api reports healthy only once it reaches its broker.
            await fixture.App.StartResourceAsync(ResourceNames.Messaging);
            if (killed)
            {
                await fixture.App.StartResourceAsync(ResourceNames.ShopApi);
            }
        }

        await _shop.ShipAndCloseAllAsync(orders, ResourceLifecycle.Timeout);
    }

    /// <summary>
    /// kill -9 of Crm.Api as it starts on a backlog of PriceCalculated (consumer paused until the queue holds one per
    /// order, resumed, killed at once): whatever it had applied, held unacknowledged or not yet taken, the restarted
    /// service applies the rest once, and approves.
    /// </summary>
    [Fact]
    public async Task A_kill_9_of_Crm_Api_while_it_consumes_a_backlog_of_prices_loses_no_order()
    {
        List<Guid> orders;
        var killed = false;
        try
        {
            orders = await SubmitBacklogAsync(ResourceNames.CrmApi, afterResume: _ =>
            {
                killed = true;
                return fixture.App.KillResourceAsync(ResourceNames.CrmApi);
            });
            output.WriteLine($"PriceCalculated applied by Crm.Api before the crash: {await AppliedAsync(ResourceNames.ShopDatabase, "crm", orders)} of {orders.Count}");
        }
        finally
        {
            // Whatever failed after the kill, the tests after this one need Crm.Api.
            if (killed)
            {
                await fixture.App.StartResourceAsync(ResourceNames.CrmApi);
            }
        }

        await _shop.ShipAndCloseAllAsync(orders, ResourceLifecycle.Timeout);
    }

    /// <summary>
    /// kill -9 of Mes.Api while the orders' OrderSubmitted wait in its queue, none of them taken yet: its consumer is
    /// paused until the kill (resumed and killed at once, MES had taken and priced a backlog of three before the kill
    /// landed). The restarted service consumes them. A crash mid-calculation is MessagingTests' drill.
    /// </summary>
    [Fact]
    public async Task A_kill_9_of_Mes_Api_while_OrderSubmitted_messages_wait_in_its_queue_loses_no_order()
    {
        var orders = await SubmitBacklogAsync(ResourceNames.MesApi, beforeResume: async backlog =>
        {
            await fixture.App.KillResourceAsync(ResourceNames.MesApi);
            try
            {
                Assert.Equal(0, await AppliedAsync(ResourceNames.MesDatabase, "mes", backlog));
            }
            finally
            {
                await fixture.App.StartResourceAsync(ResourceNames.MesApi);
            }
        });

        await _shop.ShipAndCloseAllAsync(orders, ResourceLifecycle.Timeout);
    }

    /// <summary>
    /// S3 stopped while models are being uploaded: an upload in flight is either taken or refused, and one made while
    /// S3 is down is a 503 with Retry-After; a refused upload leaves the order as it was (INITIATED, or FILE_UPLOADED
    /// with its old model). Once S3 is back, the same upload succeeds and the orders go on to CLOSED.
    /// </summary>
    [Fact]
    public async Task An_upload_while_S3_is_down_is_a_503_that_changes_nothing_and_succeeds_once_S3_is_back()
    {
        var fresh = await _shop.CreateOrderAsync("silver");
        var replacing = await _shop.CreateOrderAsync("silver");
        using (var first = await _shop.UploadAsync(replacing, SampleModels.BinaryStlCube(5), "first.stl"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        // A few megabytes each (about 51,000 triangles), so that storing them takes a moment for the stop to land in.
        var inFlight = new[] { await _shop.CreateOrderAsync("silver"), await _shop.CreateOrderAsync("silver") };
        var large = SampleModels.BinaryStlSphere(160, 4);
        var uploads = new Dictionary<Guid, (byte[] Model, string FileName)>
        {
            [fresh] = (SampleModels.BinaryStlCube(6), "ring.stl"),
            [replacing] = (SampleModels.BinaryStlCube(6), "second.stl"),
            [inFlight[0]] = (large, "pendant.stl"),
            [inFlight[1]] = (large, "brooch.stl"),
        };
        var before = new Dictionary<Guid, JsonElement>();
        foreach (var orderId in uploads.Keys)
        {
            before[orderId] = await _shop.GetOrderAsync(orderId);
        }

        var taken = new HashSet<Guid>();
        var uploading = inFlight.Select(orderId => (orderId, Answer: _shop.UploadAsync(orderId, uploads[orderId].Model, uploads[orderId].FileName))).ToList();
        await fixture.App.StopResourceAsync(ResourceNames.Storage);
        try
        {
            foreach (var (orderId, answer) in uploading)
            {
                using var response = await answer;
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    taken.Add(orderId);
                }
                else
                {
                    await ShopClient.AssertUnavailableAsync(response);
                }
            }

            foreach (var orderId in new[] { fresh, replacing })
            {
                var started = DateTime.UtcNow;
                using var whileDown = await _shop.UploadAsync(orderId, uploads[orderId].Model, uploads[orderId].FileName);
                output.WriteLine($"Upload while S3 is down: {(int)whileDown.StatusCode} after {(DateTime.UtcNow - started).TotalSeconds:0.0} s");
                await ShopClient.AssertUnavailableAsync(whileDown);
            }

            output.WriteLine($"Uploads in flight when S3 stopped: {taken.Count} of {inFlight.Length} taken, the others refused with 503");
            foreach (var orderId in uploads.Keys)
            {
                await AssertUploadAppliedOrNotAsync(orderId, before[orderId], taken.Contains(orderId) ? uploads[orderId].FileName : null);
            }
        }
        finally
        {
            await fixture.App.StartResourceAsync(ResourceNames.Storage);
        }

        foreach (var (orderId, (model, fileName)) in uploads)
        {
            if (!taken.Contains(orderId))
            {
                using var again = await _shop.UploadAsync(orderId, model, fileName);
                Assert.True(again.StatusCode == HttpStatusCode.OK, $"The upload after S3 came back: {(int)again.StatusCode} {await again.Content.ReadAsStringAsync()}\n{fixture.DescribeForFailure()}");
            }

            await AssertUploadAppliedOrNotAsync(orderId, before[orderId], fileName);
            using var submit = await fixture.ShopApi.PostAsync($"/api/orders/{orderId}/submit", null);
            Assert.Equal(HttpStatusCode.Accepted, submit.StatusCode);
        }

        await _shop.ShipAndCloseAllAsync(uploads.Keys, ResourceLifecycle.Timeout);
    }

    /// <summary>
    /// S3 stopped after the orders were submitted and before MES read their models (its consumer paused to hold them):
    /// MES tries and hands the calculation back to try again (its spans prove both), and once S3 is back every order
    /// is priced, none fails pricing, none is dead-lettered.
    /// </summary>
    [Fact]
    public async Task With_S3_down_while_MES_reads_the_models_every_order_is_priced_once_it_is_back()
    {
        List<Guid> orders = [];
        var stopped = false;
        try
        {
            orders = await SubmitBacklogAsync(ResourceNames.MesApi, beforeResume: async _ =>
            {
                stopped = true;
                await fixture.App.StopResourceAsync(ResourceNames.Storage);
            });
            await WaitForFailedModelReadsAsync(orders);
        }
        finally
        {
            if (stopped)
            {
                await fixture.App.StartResourceAsync(ResourceNames.Storage);
            }
        }

        foreach (var order in await _shop.ShipAndCloseAllAsync(orders, ResourceLifecycle.Timeout))
        {
            Assert.DoesNotContain("PRICE_CALCULATION_FAILED", ShopClient.HistoryStatuses(order));
        }
    }

    /// <summary>
    /// <paramref name="consumer"/>'s consumer paused, <see cref="OrdersPerDrill"/> orders submitted until its queue holds a
    /// message of each (Mes.Api: OrderSubmitted; Crm.Api: PriceCalculated, MES pricing meanwhile), then
    /// <paramref name="beforeResume"/>, the consumer resumed, and at once <paramref name="afterResume"/>. The consumer
    /// is resumed whatever fails before.
    /// </summary>
    private async Task<List<Guid>> SubmitBacklogAsync(
        string consumer, Func<IReadOnlyList<Guid>, Task>? beforeResume = null, Func<IReadOnlyList<Guid>, Task>? afterResume = null)
    {
        var orders = new List<Guid>();
        await using var connection = await BrokerClient.ConnectAsync(fixture);
        await using var channel = await connection.CreateChannelAsync();
        var resumed = false;
        await fixture.App.RunCommandAsync(consumer, "pause-consumer");
        try
        {
            for (var i = 0; i < OrdersPerDrill; i++)
            {
                orders.Add(await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(5), "silver"));
            }

            await BrokerClient.WaitForMessagesAsync(fixture, channel, MessagingTopology.QueueFor(consumer), OrdersPerDrill);
            if (beforeResume is not null)
            {
                await beforeResume(orders);
            }

            await fixture.App.RunCommandAsync(consumer, "resume-consumer");
            resumed = true;
            if (afterResume is not null)
            {
                await afterResume(orders);
            }
        }
        finally
        {
            if (!resumed)
            {
                await fixture.App.RunCommandAsync(consumer, "resume-consumer");
            }
        }

        return orders;
    }

    /// <summary>
    /// Waits until Mes.Api has tried to read the model of one of <paramref name="orders"/> from the stopped S3 (its
    /// S3.GetObject span in error) and handed the calculation back to try again (CalculatePrice with outcome retry),
    /// rather than failing it.
    /// </summary>
    private async Task WaitForFailedModelReadsAsync(IReadOnlyCollection<Guid> orders)
    {
        var ids = orders.Select(orderId => orderId.ToString()).ToHashSet(StringComparer.Ordinal);
        bool IsDrills(ReceivedSpan span) => span.ServiceName == ResourceNames.MesApi && ids.Contains(span.GetString("order.id") ?? "");
        bool IsFailedRead(ReceivedSpan span) =>
            IsDrills(span) && span.Name == $"S3.GetObject {ResourceNames.ModelsBucket}" && span.StatusCode == ReceivedStatusCode.Error;
        bool IsRetry(ReceivedSpan span) => IsDrills(span) && span.Name == "CalculatePrice" && span.GetString("order.outcome") == "retry";
        try
        {
            var spans = await fixture.Telemetry.WaitForSpansAsync(all => all.Any(IsFailedRead) && all.Any(IsRetry), ResourceLifecycle.Timeout);
            foreach (var span in spans.Where(span => IsFailedRead(span) || IsRetry(span)))
            {
                output.WriteLine($"MES tried: {span.Name} order {span.GetString("order.id")} {span.StatusMessage} after {span.Duration.TotalSeconds:0.0} s");
            }
        }
        catch (TimeoutException exception)
        {
            throw new Xunit.Sdk.XunitException($"Mes.Api never tried to read a model and retried while S3 was down: {exception.Message}\n{fixture.DescribeForFailure()}");
        }
    }

    /// <summary>
    /// The order has the model <paramref name="fileName"/> and FILE_UPLOADED once, when the upload was taken; when it
    /// was refused (<paramref name="fileName"/> null), the order is exactly as it was <paramref name="before"/>.
    /// </summary>
    private async Task AssertUploadAppliedOrNotAsync(Guid orderId, JsonElement before, string? fileName)
    {
        var now = await _shop.GetOrderAsync(orderId);
        if (fileName is null)
        {
            Assert.Equal(before.GetProperty("status").GetString(), now.GetProperty("status").GetString());
            Assert.Equal(before.GetProperty("model").ToString(), now.GetProperty("model").ToString());
            Assert.Equal(ShopClient.HistoryStatuses(before), ShopClient.HistoryStatuses(now));
        }
        else
        {
            Assert.Equal("FILE_UPLOADED", now.GetProperty("status").GetString());
            Assert.Equal(fileName, now.GetProperty("model").GetProperty("fileName").GetString());
            Assert.Single(ShopClient.HistoryStatuses(now), status => status == "FILE_UPLOADED");
        }
    }

    /// <summary>How many messages of <paramref name="orders"/> the consumer with <paramref name="schema"/> has applied (its inbox).</summary>
    private async Task<long> AppliedAsync(string database, string schema, IReadOnlyCollection<Guid> orders) =>
        await CountAsync(database, $"SELECT count(*) FROM {schema}.inbox_messages WHERE order_id = ANY(@orders)", orders);

    /// <summary>How many of <paramref name="orders"/>' messages <paramref name="schema"/>'s outbox has not yet published.</summary>
    private async Task<long> UnpublishedAsync(string database, string schema, IReadOnlyCollection<Guid> orders) =>
        await CountAsync(database, $"SELECT count(*) FROM {schema}.outbox_messages WHERE order_id = ANY(@orders) AND published_at IS NULL", orders);

    private async Task<long> CountAsync(string database, string sql, IReadOnlyCollection<Guid> orders)
    {
        await using var connection = await fixture.OpenDatabaseAsync(database);
        return await connection.ExecuteScalarAsync<long>(sql, new { orders = orders.ToArray() });
    }
}
