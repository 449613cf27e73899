namespace Alexandrite.Messaging;

/// <summary>Settings of a service's messaging, bound from the "Messaging" section.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>How many unacknowledged deliveries the broker hands the consumer at once.</summary>
    public ushort PrefetchCount { get; set; } = 16;

    /// <summary>
    /// How many deliveries the consumer handles side by side, each in its own transaction; those of one order are
    /// still handled one at a time, in the order they came (<see cref="Consuming.OrderLanes"/>). One at a time, a
    /// queue was bound by one delivery's round trips to the database: at 40 orders/s Crm.Api's queue fell hundreds of
    /// messages behind while the CPU still had room. Each takes one of the service's database connections.
    /// </summary>
    public int ConsumerConcurrency { get; set; } = 8;

    /// <summary>
    /// Quick attempts at handling one delivery while holding it (a lock timeout, a dropped connection); after the
    /// last, a failure that can pass sends the message to wait in the retry queue (<see cref="RetryDelay"/>).
    /// </summary>
    public int MaxHandlingAttempts { get; set; } = 3;

    /// <summary>The pause before the second quick attempt; it doubles for each further one.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long a message first waits in the retry queue after its quick attempts failed; it doubles with each
    /// round, up to <see cref="MaxRetryDelay"/>. Meanwhile the queue's other messages, other orders', go on.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a failure that can pass (the database, the broker, storage, a peer) is retried, counted from the
    /// message's first failure, before the message goes to the dead-letter queue for support to redrive.
    /// </summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often the outbox relay looks for messages when nothing woke it.</summary>
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    public int OutboxBatchSize { get; set; } = 50;

    /// <summary>The pause after the broker refused or could not be reached, before the relay tries again.</summary>
    public TimeSpan OutboxRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the outbox backlog and dead-letter queue depth are read for their gauges.</summary>
    public TimeSpan GaugeRefreshInterval { get; set; } = TimeSpan.FromSeconds(15);
}
