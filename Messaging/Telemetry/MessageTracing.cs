using System.Diagnostics;
using Alexandrite.ServiceDefaults.Telemetry;

namespace Alexandrite.Messaging.Telemetry;

/// <summary>
/// Producer and consumer spans for RabbitMQ messages, following the messaging semantic conventions
/// (https://opentelemetry.io/docs/specs/semconv/messaging/rabbitmq/), and the W3C trace context and baggage
/// they carry in the message headers. The consumer span is a child of the producer span, not just linked
/// to it, so an order's trace stays one tree across services. Message bodies are never recorded.
/// </summary>
internal static class MessageTracing
{
    /// <summary>Reads trace context and baggage from AMQP headers, where strings arrive as UTF-8 bytes.</summary>
    public static (ActivityContext Context, IReadOnlyList<KeyValuePair<string, string?>> Baggage) Extract(IDictionary<string, object?>? headers) =>
        TraceCarrier.Extract(headers, static (h, key) => MessageHeaders.GetString(h as IDictionary<string, object?>, key));

    /// <summary>
    /// Writes the producer span's context and baggage into the outgoing headers; when no span was recorded,
    /// the stored carrier goes on as it is, so the consumer still joins the order's trace.
    /// </summary>
    public static void Inject(Activity? activity, IReadOnlyDictionary<string, string> stored, IDictionary<string, object?> headers)
    {
        if (activity is null)
        {
            foreach (var (key, value) in stored)
            {
                headers[key] = value;
            }

            return;
        }

        foreach (var (key, value) in TraceCarrier.Capture(activity))
        {
            headers[key] = value;
        }
    }

    /// <summary>Carries the system's own baggage (order.id) onto <paramref name="activity"/>; anything else is dropped.</summary>
    public static void Restore(Activity? activity, IReadOnlyList<KeyValuePair<string, string?>> baggage)
    {
        foreach (var (key, value) in baggage)
        {
            if (SemanticAttributes.OwnedBaggageKeys.Contains(key))
            {
                activity?.SetBaggage(key, value);
            }
        }
    }

    public static Activity? StartPublish(string messageType, Guid messageId, Guid orderId, ActivityContext parent, int bodySize)
    {
        var activity = AlexandriteTelemetry.Messaging.StartActivity(SpanNames.Publish(messageType), ActivityKind.Producer, parent);
        if (activity is { IsAllDataRequested: true })
        {
            SetCommonTags(activity, "send", "publish", messageType, messageId, orderId, bodySize);
        }

        return activity;
    }

    public static Activity? StartProcess(string messageType, string queue, Guid messageId, Guid orderId, ActivityContext parent, int bodySize, ulong deliveryTag)
    {
        var activity = AlexandriteTelemetry.Messaging.StartActivity(SpanNames.Process(messageType), ActivityKind.Consumer, parent);
        if (activity is { IsAllDataRequested: true })
        {
            SetCommonTags(activity, "process", "process", messageType, messageId, orderId, bodySize);
            activity.SetTag(SemanticAttributes.MessagingSubscriptionName, queue);
            activity.SetTag(SemanticAttributes.MessagingDeliveryTag, (long)deliveryTag);
        }

        return activity;
    }

    private static void SetCommonTags(Activity activity, string operationType, string operationName, string messageType, Guid messageId, Guid orderId, int bodySize)
    {
        activity.SetTag(SemanticAttributes.MessagingSystem, "rabbitmq");
        activity.SetTag(SemanticAttributes.MessagingOperationType, operationType);
        activity.SetTag(SemanticAttributes.MessagingOperationName, operationName);
        activity.SetTag(SemanticAttributes.MessagingDestinationName, MessagingTopology.Exchange);
        activity.SetTag(SemanticAttributes.MessagingRoutingKey, messageType);
        activity.SetTag(SemanticAttributes.MessagingMessageId, messageId.ToString());
        activity.SetTag(SemanticAttributes.MessagingConversationId, orderId.ToString());
        activity.SetTag(SemanticAttributes.MessagingBodySize, bodySize);
        activity.SetTag(SemanticAttributes.OrderId, orderId.ToString());
    }
}
