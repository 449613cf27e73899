using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Alexandrite.Contracts;
using Alexandrite.Contracts.Messages;
using Alexandrite.MeshAnalysis;
using Alexandrite.Messaging;
using Alexandrite.ServiceDefaults.Telemetry;
using RabbitMQ.Client;

namespace Alexandrite.AspireTests.Reliability;

/// <summary>
/// Dead letters, as support meets them: a message that can never apply goes to its dead-letter queue at once with
/// the reason; support lists every dead-letter queue and sends messages back (API and dashboard command); an order
/// whose message waits there is reported where it really waits, and moves on once redriven, with who did it in its
/// journey.
/// </summary>
[Collection(AspireCollection.Name)]
public sealed class DeadLetterTests(AspireFixture system)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly string CrmQueue = MessagingTopology.QueueFor(ResourceNames.CrmApi);

    private readonly ShopClient _shop = new(system);

    [Fact]
    public async Task A_message_that_can_never_apply_is_dead_lettered_at_once_with_its_reason_and_a_redrive_sends_it_back()
    {
        var messageId = Guid.NewGuid();
        var orderId = Guid.NewGuid();
        await using (var connection = await BrokerClient.ConnectAsync(system))
        await using (var channel = await connection.CreateChannelAsync())
        {
            await BrokerClient.PublishAsync(channel, PriceCalculated.MessageType, messageId, orderId, Encoding.UTF8.GetBytes("{ not json"));
        }

        var first = await WaitForDeadLetterAsync(messageId);
        Assert.Equal(CrmQueue, first.GetProperty("queue").GetString());
        Assert.Equal(ResourceNames.CrmApi, first.GetProperty("service").GetString());
        Assert.Equal(orderId, first.GetProperty("orderId").GetGuid());
        Assert.Equal(PriceCalculated.MessageType, first.GetProperty("messageType").GetString());
        Assert.Contains("PoisonMessageException", first.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, first.GetProperty("failedDeliveries").GetInt32()); // at once: no retries for what cannot pass
        Assert.StartsWith("crm-api dead-letter queue: ", first.GetProperty("place").GetString(), StringComparison.Ordinal);

        // Sent back, it fails again the same way and is back in the dead-letter queue, dead-lettered anew.
        using (var redrive = await system.Support.PostAsync($"/api/dead-letters/{messageId}/redrive", null))
        {
            Assert.Equal(HttpStatusCode.OK, redrive.StatusCode);
            var redriven = (await redrive.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("redriven");
            Assert.Equal(messageId, Assert.Single(redriven.EnumerateArray()).GetProperty("messageId").GetGuid());
        }

        var again = await WaitForDeadLetterAsync(messageId, after: first.GetProperty("deadLetteredAt").GetDateTimeOffset());
        Assert.Equal(1, again.GetProperty("failedDeliveries").GetInt32());

        using var unknown = await system.Support.PostAsync($"/api/dead-letters/{Guid.NewGuid()}/redrive", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_order_whose_message_is_dead_lettered_is_reported_there_and_moves_on_once_support_redrives_it()
    {
        // CRM paused, so MES's PriceCalculated for the order waits in CRM's queue; the test moves it to the
        // dead-letter queue as the consumer does when it gives up (a copy with the reason, then the original acked).
        const string reason = "NpgsqlException: the database refused the connection (a drill)";
        Guid orderId;
        Guid messageId;
        await system.App.RunCommandAsync(ResourceNames.CrmApi, "pause-consumer");
        try
        {
            orderId = await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(5), "silver");
            messageId = await DeadLetterFromCrmQueueAsync(orderId, reason);
        }
        finally
        {
            await system.App.RunCommandAsync(ResourceNames.CrmApi, "resume-consumer");
        }

        // The watchdog (SUBMITTED limit shortened by the tests) names the dead-letter queue, not MES.
        var place = $"crm-api dead-letter queue: {reason}";
        var stuck = await WaitForAsync(async () => (await _shop.StuckOrdersAsync())
            .FirstOrDefault(order => order.GetProperty("orderId").GetGuid() == orderId) is { ValueKind: JsonValueKind.Object } found ? found : (JsonElement?)null);
        Assert.Equal(place, stuck.GetProperty("waitingOn").GetString());
        Assert.Equal("mes-api", stuck.GetProperty("ownerService").GetString());
        var journey = await system.Support.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}/journey");
        Assert.Equal(place, journey.GetProperty("waitingOn").GetString());
        Assert.Equal("SUBMITTED", journey.GetProperty("status").GetString());

        // The diagnosis drill for a dead letter (with DiagnosisDrillTests): reported within the limit and one check,
        // the journey names the stage, the service and the cause, the trace ends where MES published the price.
        journey = await Diagnosis.WaitForStuckJourneyAsync(system, orderId, "SUBMITTED");
        Diagnosis.AssertReportedInTime(journey, "SUBMITTED");
        Diagnosis.AssertNames(journey, "SUBMITTED", ResourceNames.MesApi,
            $"Its {PriceCalculated.MessageType} message was given up on and waits in the {place}");
        await Diagnosis.AssertTraceEndsAtAsync(system, orderId, SpanNames.Publish(PriceCalculated.MessageType), ResourceNames.MesApi);
        await WaitForAsync(() => Task.FromResult(system.LogLines(ResourceNames.CrmApi).Any(line =>
            line.Contains($"Order {orderId} is stuck in SUBMITTED", StringComparison.Ordinal) && line.Contains(place, StringComparison.Ordinal)) ? (bool?)true : null));
        var supportPage = await system.SupportWeb.GetStringAsync("/support");
        Assert.Contains($"data-message=\"{messageId}\"", supportPage, StringComparison.Ordinal);

        // The dashboard's command sends every dead letter back; the order moves on, and its journey says who did it.
        await system.App.RunCommandAsync(ResourceNames.CrmApi, "redrive-dead-letters");
        await _shop.WaitForStatusAsync(orderId, "MANUFACTURING_APPROVED");
        var after = await system.Support.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}/journey");
        var redrive = Assert.Single(after.GetProperty("redrives").EnumerateArray());
        Assert.Equal("aspire-dashboard", redrive.GetProperty("redrivenBy").GetString());
        Assert.Equal(reason, redrive.GetProperty("reason").GetString());
        Assert.DoesNotContain((await system.Support.GetFromJsonAsync<JsonElement>("/api/dead-letters")).EnumerateArray(),
            letter => letter.GetProperty("orderId").GetGuid() == orderId);
        Assert.Contains("aspire-dashboard", await system.SupportWeb.GetStringAsync($"/orders/{orderId}/journey"), StringComparison.Ordinal);
    }

    /// <summary>Takes the order's PriceCalculated from CRM's queue and puts it in CRM's dead-letter queue with <paramref name="reason"/>.</summary>
    private async Task<Guid> DeadLetterFromCrmQueueAsync(Guid orderId, string reason)
    {
        await using var connection = await BrokerClient.ConnectAsync(system);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            Assert.True(DateTime.UtcNow < deadline, $"No PriceCalculated for order {orderId} reached {CrmQueue}.\n{system.DescribeForFailure()}");
            if (await channel.BasicGetAsync(CrmQueue, autoAck: false) is not { } message)
            {
                await Task.Delay(200);
                continue;
            }

            if (message.BasicProperties.CorrelationId != orderId.ToString() || message.BasicProperties.Type != PriceCalculated.MessageType)
            {
                await channel.BasicNackAsync(message.DeliveryTag, multiple: false, requeue: true);
                await Task.Delay(50);
                continue;
            }

            var properties = new BasicProperties(message.BasicProperties)
            {
                Headers = new Dictionary<string, object?>(message.BasicProperties.Headers ?? new Dictionary<string, object?>())
                {
                    [MessageHeaders.Failure] = reason,
                    [MessageHeaders.FailedDeliveries] = "7",
                    [MessageHeaders.DeadLetteredAt] = MessageHeaders.FormatTime(DateTimeOffset.UtcNow),
                },
            };
            await channel.BasicPublishAsync(MessagingTopology.DeadLetterExchange, CrmQueue, mandatory: true, properties, message.Body);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false);
            return Guid.Parse(message.BasicProperties.MessageId!);
        }
    }

    private async Task<JsonElement> WaitForDeadLetterAsync(Guid messageId, DateTimeOffset? after = null) =>
        await WaitForAsync(async () => (await system.Support.GetFromJsonAsync<JsonElement>("/api/dead-letters")).EnumerateArray()
            .FirstOrDefault(letter => letter.GetProperty("messageId").GetGuid() == messageId
                && (after is null || letter.GetProperty("deadLetteredAt").GetDateTimeOffset() > after)) is { ValueKind: JsonValueKind.Object } found ? found : (JsonElement?)null);

    private Task<T> WaitForAsync<T>(Func<Task<T?>> probe) where T : struct =>
        Eventually.ValueAsync(probe, Timeout, () => $"Gave up waiting.\n{system.DescribeForFailure()}");
}
