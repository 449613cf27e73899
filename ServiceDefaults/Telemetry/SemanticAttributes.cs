namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>
/// Attribute names, in one place: the messaging semantic conventions
/// (https://opentelemetry.io/docs/specs/semconv/messaging/rabbitmq/) and the system's own order.* keys.
/// </summary>
public static class SemanticAttributes
{
    /// <summary>The order a span, log or message belongs to: on every span of an order's trace.</summary>
    public const string OrderId = "order.id";

    /// <summary>The only baggage keys the system owns; every other incoming baggage item is dropped at the edge.</summary>
    public static readonly IReadOnlySet<string> OwnedBaggageKeys = new HashSet<string>(StringComparer.Ordinal) { OrderId };

    public const string OrderStatusFrom = "order.status.from";
    public const string OrderStatusTo = "order.status.to";
    public const string OrderOutcome = "order.outcome";
    public const string OrderFileId = "order.file.id";
    public const string OrderPolygons = "order.model.polygons";
    public const string OrderMaterial = "order.material";
    public const string OrderOperatorId = "order.operator.id";
    public const string OrderCustomerId = "order.customer.id";
    public const string OrderCalculationDuration = "order.calculation.duration";
    public const string OrderAttempt = "order.attempt";

    /// <summary>The model's size class for metrics (see <see cref="OrderMetrics.PolygonBand"/>); the exact count is a span attribute only.</summary>
    public const string OrderPolygonBand = "order.model.polygon_band";

    /// <summary>
    /// The stage an order is in: its current status, named as stored (SUBMITTED). "order.stage.*" and not
    /// "order.status": an attribute must not share its name with a namespace (order.status.from, order.status.to).
    /// </summary>
    public const string OrderStageName = "order.stage.name";

    /// <summary>The service whose step ends the stage, so the one the order waits on (<c>OrderLifecycle.StageOwnerOf</c>).</summary>
    public const string OrderStageOwner = "order.stage.owner";

    /// <summary>
    /// Where a stuck order really waits: the stage's owner, or the dead-letter queue holding one of its messages
    /// ("crm-api dead-letter queue: &lt;reason&gt;"). A span attribute only: a reason is no metric label.
    /// </summary>
    public const string OrderStageWaitingOn = "order.stage.waiting_on";

    /// <summary>How long the order has been in its stage, as a band (<see cref="OrderMetrics.AgeBands"/>).</summary>
    public const string OrderStageAgeBand = "order.stage.age_band";

    /// <summary>How long the order has been in its stage, in seconds.</summary>
    public const string OrderStageAge = "order.stage.age";

    /// <summary>The stage's time limit, in seconds, past which the watchdog reports the order as stuck.</summary>
    public const string OrderStageLimit = "order.stage.limit";

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

    /// <summary>What the consumer did with a delivery: ok, duplicate or dead-lettered (the system's own key).</summary>
    public const string MessagingOutcome = "messaging.outcome";

    public const string ErrorType = "error.type";
}
