namespace Alexandrite.Messaging;

/// <summary>Settings of a service's messaging, bound from the "Messaging" section.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>How many unacknowledged deliveries the broker hands the consumer at once.</summary>
    public ushort PrefetchCount { get; set; } = 16;

    /// <summary>Attempts at handling one delivery before it goes to the dead-letter queue.</summary>
    public int MaxHandlingAttempts { get; set; } = 4;

    /// <summary>The pause before the second attempt; it doubles for each further attempt.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often the outbox relay looks for messages when nothing woke it.</summary>
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    public int OutboxBatchSize { get; set; } = 50;

    /// <summary>The pause after the broker refused or could not be reached, before the relay tries again.</summary>
    public TimeSpan OutboxRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the outbox backlog and dead-letter queue depth are read for their gauges.</summary>
    public TimeSpan GaugeRefreshInterval { get; set; } = TimeSpan.FromSeconds(15);
}
