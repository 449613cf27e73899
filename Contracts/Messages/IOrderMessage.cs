namespace Alexandrite.Contracts.Messages;

/// <summary>A message about one order that crosses RabbitMQ.</summary>
public interface IOrderMessage
{
    Guid OrderId { get; }
}

/// <summary>
/// A message type with its name on the wire: the AMQP "type" property and the routing key it is published
/// with (see MessagingTopology).
/// </summary>
public interface IOrderMessage<TSelf> : IOrderMessage where TSelf : IOrderMessage<TSelf>
{
    static abstract string MessageType { get; }
}
