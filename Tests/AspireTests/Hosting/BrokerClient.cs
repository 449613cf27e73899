using Alexandrite.Contracts;
using RabbitMQ.Client;

namespace Alexandrite.AspireTests;

/// <summary>Talks to the test system's RabbitMQ directly, as a misbehaving or replaying publisher would.</summary>
internal static class BrokerClient
{
    public const string Exchange = "alexandrite.orders";

    public static async Task<IConnection> ConnectAsync(AspireFixture fixture) =>
        await new ConnectionFactory { Uri = new Uri(await fixture.ConnectionStringAsync(ResourceNames.Messaging)) }.CreateConnectionAsync();

    /// <summary>Publishes <paramref name="body"/> as a message of <paramref name="messageType"/>, with the ids a relay would set.</summary>
    public static async Task PublishAsync(IChannel channel, string messageType, Guid messageId, Guid orderId, byte[] body) =>
        await channel.BasicPublishAsync(Exchange, messageType, mandatory: true, new BasicProperties
        {
            MessageId = messageId.ToString(),
            CorrelationId = orderId.ToString(),
            Type = messageType,
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
        }, body);

    /// <summary>Waits until <paramref name="queue"/> holds at least <paramref name="count"/> ready messages (a paused consumer's backlog).</summary>
    public static Task WaitForMessagesAsync(AspireFixture fixture, IChannel channel, string queue, int count) =>
        Eventually.UntilAsync(async () => await channel.MessageCountAsync(queue) >= count, ShopClient.StatusTimeout,
            () => $"{queue} never held {count} messages.\n{fixture.DescribeForFailure()}");
}
