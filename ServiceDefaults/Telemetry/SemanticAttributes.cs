namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>
/// Attribute names, in one place: the messaging semantic conventions
/// (https://opentelemetry.io/docs/specs/semconv/messaging/rabbitmq/) and the system's own order.* keys.
/// </summary>
public static class SemanticAttributes
{
    /// <summary>The order a span, log or message belongs to: on every span of an order's trace.</summary>
    public const string OrderId = "order.id";

    public const string MessagingSystem = "messaging.system";
    public const string MessagingOperationType = "messaging.operation.type";
    public const string MessagingOperationName = "messaging.operation.name";
    public const string MessagingDestinationName = "messaging.destination.name";
    public const string MessagingSubscriptionName = "messaging.destination.subscription.name";
    public const string MessagingRoutingKey = "messaging.rabbitmq.destination.routing_key";
    public const string MessagingMessageId = "messaging.message.id";
    public const string MessagingConversationId = "messaging.message.conversation_id";
    public const string MessagingBodySize = "messaging.message.body.size";
    public const string MessagingDeliveryTag = "messaging.rabbitmq.message.delivery_tag";

    public const string ErrorType = "error.type";
}
