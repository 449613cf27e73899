using Alexandrite.Contracts.Messages;
using Microsoft.Extensions.DependencyInjection;

namespace Alexandrite.Messaging.Consuming;

/// <summary>The message types a service handles, each with a function that parses the body and calls its handler.</summary>
internal sealed class MessageHandlerRegistry
{
    private readonly Dictionary<string, HandlerInvoker> _invokers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<ReadOnlyMemory<byte>, IOrderMessage>> _parsers = new(StringComparer.Ordinal);

    public delegate Task HandlerInvoker(IServiceProvider services, IOrderMessage message, MessageContext context, CancellationToken cancellationToken);

    public IReadOnlyCollection<string> MessageTypes => _invokers.Keys;

    public void Add<T, THandler>() where T : IOrderMessage<T> where THandler : IMessageHandler<T>
    {
        _invokers[T.MessageType] = static (services, message, context, cancellationToken) =>
            services.GetRequiredService<THandler>().HandleAsync((T)message, context, cancellationToken);
        _parsers[T.MessageType] = static body => MessageSerializer.Deserialize<T>(body);
    }

    /// <exception cref="PoisonMessageException">The type is not handled here, or the body does not parse.</exception>
    public (IOrderMessage Message, HandlerInvoker Invoke) Parse(string? messageType, ReadOnlyMemory<byte> body) =>
        messageType is not null && _parsers.TryGetValue(messageType, out var parse)
            ? (parse(body), _invokers[messageType])
            : throw new PoisonMessageException($"No handler for message type '{messageType}'.");
}
