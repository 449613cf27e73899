namespace Alexandrite.Messaging;

/// <summary>
/// Who a service is on the broker: the database schema of its outbox and inbox, and the queue it consumes
/// (named after the service), bound to the message types it has handlers for.
/// </summary>
public sealed record MessagingEndpoint(string ServiceName, string DatabaseSchema)
{
    public string Queue => MessagingTopology.QueueFor(ServiceName);
}
