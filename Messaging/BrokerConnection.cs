using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace Alexandrite.Messaging;

/// <summary>
/// The service's one RabbitMQ connection (https://www.rabbitmq.com/docs/connections), which Aspire.RabbitMQ.Client
/// registers as a singleton <see cref="IConnection"/> and opens, synchronously, the first time it is resolved.
/// The relay and the consumer ask for it here, in their retry loops, never in a constructor: a service whose broker is
/// down when it starts still starts, takes orders into its outbox and says so on /health, then connects on a later
/// try. Once open, the client's automatic recovery re-opens it, its channels and its consumers after a broker restart.
/// </summary>
public sealed class BrokerConnection(IServiceProvider services)
{
    private IConnection? _connection;

    /// <summary>The connection, opened now when nobody has opened it yet; throws when the broker cannot be reached.</summary>
    public async Task<IConnection> GetAsync(CancellationToken cancellationToken) =>
        // Off the caller's thread, so that a host stopping during a connection attempt does not wait for it.
        _connection ??= await Task.Run(() => services.GetRequiredService<IConnection>(), cancellationToken).WaitAsync(cancellationToken);

    /// <summary>The connection if it is open now, without trying to open it: for readers that must not wait on the broker.</summary>
    public IConnection? TryGetOpen() => _connection is { IsOpen: true } connection ? connection : null;
}
