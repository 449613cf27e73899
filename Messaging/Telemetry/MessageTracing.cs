using System.Diagnostics;
using System.Text;
using Alexandrite.ServiceDefaults.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;

namespace Alexandrite.Messaging.Telemetry;

/// <summary>
/// Producer and consumer spans for RabbitMQ messages, following the messaging semantic conventions
/// (https://opentelemetry.io/docs/specs/semconv/messaging/rabbitmq/), and the W3C trace context and baggage
/// they carry in the message headers. The consumer span is a child of the producer span, not just linked
/// to it, so an order's trace stays one tree across services. Message bodies are never recorded.
/// </summary>
internal static class MessageTracing
{
    private static TextMapPropagator Propagator => TraceCarrier.Propagator;

    /// <summary>Reads trace context and baggage from AMQP headers, where strings arrive as UTF-8 bytes.</summary>
    public static PropagationContext Extract(IDictionary<string, object?>? headers) =>
        Propagator.Extract(default, headers, static (h, key) => h is not null && h.TryGetValue(key, out var value)
            ? value switch
            {
                byte[] bytes => [Encoding.UTF8.GetString(bytes)],
                string text => [text],
                _ => [],
            }
            : []);

    /// <summary>Writes the current span's context and <paramref name="baggage"/> into the outgoing headers.</summary>
    public static void Inject(Activity? activity, Baggage baggage, IDictionary<string, object?> headers) =>
        Propagator.Inject(new PropagationContext(activity?.Context ?? default, baggage), headers, static (h, key, value) => h[key] = value);

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
