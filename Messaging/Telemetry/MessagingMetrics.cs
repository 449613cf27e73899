using System.Diagnostics.Metrics;
using Alexandrite.ServiceDefaults.Telemetry;

namespace Alexandrite.Messaging.Telemetry;

/// <summary>
/// Messaging metrics on the "Alexandrite.Messaging" meter (ServiceDefaults listens to every "Alexandrite.*"
/// meter): how long messages wait in a queue, what is dead-lettered, what waits in the outbox. Named like
/// the order metrics (see OrderMetrics in ServiceDefaults): the application's namespace, not the messaging
/// semantic conventions' own (https://opentelemetry.io/docs/specs/semconv/general/naming/#recommendations-for-application-developers),
/// with the conventions' attributes for the queue (https://opentelemetry.io/docs/specs/semconv/messaging/rabbitmq/).
/// </summary>
internal static class MessagingMetrics
{
    /// <summary>Histogram, s: publish (by the relay) to consume, per queue and message type. Prometheus: alexandrite_messaging_queue_delay_seconds.</summary>
    public const string QueueDelay = "alexandrite.messaging.queue.delay";

    /// <summary>Counter, {message}: deliveries a consumer rejected into its DLQ. Prometheus: alexandrite_messaging_dead_lettered_messages_total.</summary>
    public const string DeadLettered = "alexandrite.messaging.dead_lettered.messages";

    /// <summary>UpDownCounter (observed), {message}: messages waiting in a dead-letter queue. Prometheus: alexandrite_messaging_dead_letter_queue_depth.</summary>
    public const string DeadLetterQueueDepth = "alexandrite.messaging.dead_letter_queue.depth";

    /// <summary>UpDownCounter (observed), {message}: outbox messages not yet confirmed by the broker. Prometheus: alexandrite_messaging_outbox_backlog.</summary>
    public const string OutboxBacklog = "alexandrite.messaging.outbox.backlog";

    /// <summary>Gauge, s: how long the oldest unpublished outbox message has waited; 0 when none. Prometheus: alexandrite_messaging_outbox_oldest_age_seconds.</summary>
    public const string OutboxOldestAge = "alexandrite.messaging.outbox.oldest_age";

    private static readonly Meter Meter = new("Alexandrite.Messaging");

    private static readonly Histogram<double> Delay = Meter.CreateHistogram(
        QueueDelay, "s", "Time from the outbox relay's publish to the consumer receiving the delivery, per queue and message type.",
        advice: new InstrumentAdvice<double>
        {
            // Milliseconds while consumers keep up; minutes to hours while one is down and its queue fills.
            HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
        });

    private static readonly Counter<long> Rejected = Meter.CreateCounter<long>(
        DeadLettered, "{message}", "Deliveries the consumer rejected into its dead-letter queue, per queue and message type.");

    private static Measurement<long>[] _deadLetterQueues = [];
    private static Measurement<long>[] _outboxBacklog = [];
    private static Measurement<double>[] _outboxOldestAge = [];

    // Observed from the snapshots the gauges' refresher writes; created with the first snapshot.
    private static readonly Lazy<Instrument[]> ObservedInstruments = new(() =>
    [
        Meter.CreateObservableUpDownCounter(DeadLetterQueueDepth, () => Volatile.Read(ref _deadLetterQueues), "{message}", "Messages waiting in a dead-letter queue."),
        Meter.CreateObservableUpDownCounter(OutboxBacklog, () => Volatile.Read(ref _outboxBacklog), "{message}", "Outbox messages the broker has not confirmed yet."),
        Meter.CreateObservableGauge(OutboxOldestAge, () => Volatile.Read(ref _outboxOldestAge), "s", "Age of the oldest outbox message the broker has not confirmed yet; 0 when there is none."),
    ]);

    public static void RecordQueueDelay(string queue, string messageType, TimeSpan delay) =>
        Delay.Record(Math.Max(0, delay.TotalSeconds), QueueTags(queue, messageType));

    public static void RecordDeadLettered(string queue, string messageType) => Rejected.Add(1, QueueTags(queue, messageType));

    public static void ReportOutbox(long backlog, TimeSpan oldestAge)
    {
        Volatile.Write(ref _outboxBacklog, [new Measurement<long>(backlog)]);
        Volatile.Write(ref _outboxOldestAge, [new Measurement<double>(Math.Max(0, oldestAge.TotalSeconds))]);
        _ = ObservedInstruments.Value;
    }

    public static void ReportDeadLetterQueue(string deadLetterQueue, long messages)
    {
        Volatile.Write(ref _deadLetterQueues, [new Measurement<long>(messages, new KeyValuePair<string, object?>(SemanticAttributes.MessagingDestinationName, deadLetterQueue))]);
        _ = ObservedInstruments.Value;
    }

    private static KeyValuePair<string, object?>[] QueueTags(string queue, string messageType) =>
    [
        new(SemanticAttributes.MessagingSubscriptionName, queue),
        new(SemanticAttributes.MessagingRoutingKey, messageType),
    ];
}
