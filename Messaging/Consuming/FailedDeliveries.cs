using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Alexandrite.Messaging.Consuming;

/// <summary>
/// Where a delivery goes when handling it failed: a copy to the retry queue, to come back after its delay, or a copy
/// to the dead-letter queue with the reason in its headers. The copy is published with a publisher confirm on the
/// consumer's own channel before the caller acknowledges the original, so a failed message is never let go until
/// its copy is safe in the broker; a copy the broker refuses throws, and the original is not acknowledged.
/// </summary>
internal sealed class FailedDeliveries(MessagingEndpoint endpoint, IOptions<MessagingOptions> options, TimeProvider time)
{
    /// <summary>The longest failure text kept in a header: enough for a person, bounded for the broker.</summary>
    private const int MaxFailureLength = 500;

    private readonly MessagingOptions _options = options.Value;

    /// <summary>
    /// Sends the delivery to wait in the retry queue, unless it has been failing for longer than
    /// <see cref="MessagingOptions.RetryFor"/>; returns false when it has, and the caller dead-letters it instead.
    /// </summary>
    public async Task<RetryDecision> RetryLaterAsync(IChannel channel, BasicDeliverEventArgs delivery, string failure, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var headers = delivery.BasicProperties.Headers;
        var failedDeliveries = MessageHeaders.GetFailedDeliveries(headers) + 1;
        var firstFailedAt = MessageHeaders.GetTime(headers, MessageHeaders.FirstFailedAt) ?? now;
        if (now - firstFailedAt >= _options.RetryFor)
        {
            return new RetryDecision(false, failedDeliveries, TimeSpan.Zero);
        }

        var delay = TimeSpan.FromTicks(Math.Min(_options.MaxRetryDelay.Ticks, _options.RetryDelay.Ticks * (1L << Math.Min(failedDeliveries - 1, 20))));
        var properties = CopyOf(delivery.BasicProperties);
        properties.Expiration = ((long)delay.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        properties.Headers![MessageHeaders.FailedDeliveries] = failedDeliveries.ToString(System.Globalization.CultureInfo.InvariantCulture);
        properties.Headers[MessageHeaders.FirstFailedAt] = MessageHeaders.FormatTime(firstFailedAt);
        properties.Headers[MessageHeaders.Failure] = Shorten(failure);
        await channel.BasicPublishAsync("", MessagingTopology.RetryQueueFor(endpoint.Queue), mandatory: true, properties, delivery.Body, cancellationToken);
        return new RetryDecision(true, failedDeliveries, delay);
    }

    /// <summary>Sends the delivery to the queue's dead-letter queue, saying why (<see cref="MessageHeaders.Failure"/>).</summary>
    public async Task DeadLetterAsync(IChannel channel, BasicDeliverEventArgs delivery, string reason, CancellationToken cancellationToken)
    {
        var properties = CopyOf(delivery.BasicProperties);
        properties.Headers![MessageHeaders.FailedDeliveries] =
            (MessageHeaders.GetFailedDeliveries(delivery.BasicProperties.Headers) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        properties.Headers[MessageHeaders.Failure] = Shorten(reason);
        properties.Headers[MessageHeaders.DeadLetteredAt] = MessageHeaders.FormatTime(time.GetUtcNow());
        await channel.BasicPublishAsync(MessagingTopology.DeadLetterExchange, endpoint.Queue, mandatory: true, properties, delivery.Body, cancellationToken);
    }

    /// <summary>The delivery's properties (ids, type, trace context and all headers) for its copy, persistent.</summary>
    public static BasicProperties CopyOf(IReadOnlyBasicProperties original) => new(original)
    {
        DeliveryMode = DeliveryModes.Persistent,
        Expiration = null,
        Headers = original.Headers is { } headers ? new Dictionary<string, object?>(headers) : [],
    };

    private static string Shorten(string text) => text.Length <= MaxFailureLength ? text : text[..(MaxFailureLength - 1)] + "…";
}

/// <param name="Retried">False: the message has failed for longer than Messaging:RetryFor; dead-letter it.</param>
/// <param name="FailedDeliveries">How many deliveries of the message have failed, this one included.</param>
/// <param name="Delay">How long it waits in the retry queue.</param>
internal readonly record struct RetryDecision(bool Retried, int FailedDeliveries, TimeSpan Delay);
