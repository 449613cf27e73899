using Alexandrite.ServiceDefaults.Hosting;

namespace Alexandrite.Shop.Api.Live;

/// <summary>How order changes reach open pages (server-sent events), bound from the "LiveStatus" section.</summary>
public sealed class LiveStatusOptions
{
    public const string SectionName = "LiveStatus";

    /// <summary>
    /// How often an idle stream sends a heartbeat event, so proxies and load balancers do not close it for silence
    /// (many cut idle connections after 30 to 60 s).
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Changes held for one subscriber that reads slower than they come. Beyond that the oldest are dropped and the
    /// subscriber is told to refresh instead: a slow reader costs a page reload, never memory.
    /// </summary>
    public int SubscriberBuffer { get; set; } = 64;

    /// <summary>How long the listening connection may be silent before a query checks that it is still alive.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = PostgresListenerTiming.Default.KeepAlive;

    /// <summary>The first pause before listening again after the database connection was lost; doubled up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; set; } = PostgresListenerTiming.Default.ReconnectDelay;

    public TimeSpan MaxReconnectDelay { get; set; } = PostgresListenerTiming.Default.MaxReconnectDelay;

    /// <summary>The listener's keep-alive and back-off, as ServiceDefaults' PostgresListener takes them.</summary>
    internal PostgresListenerTiming ListenerTiming => new(KeepAliveInterval, ReconnectDelay, MaxReconnectDelay);

    internal bool IsValid() =>
        HeartbeatInterval > TimeSpan.Zero && SubscriberBuffer >= 1 && KeepAliveInterval > TimeSpan.Zero
        && ReconnectDelay > TimeSpan.Zero && MaxReconnectDelay >= ReconnectDelay;
}
