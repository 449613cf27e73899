using System.Net.Sockets;
using Polly;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Alexandrite.ServiceDefaults.Clients;

/// <summary>
/// Owns the process's single RabbitMQ connection (https://www.rabbitmq.com/docs/connections: one
/// long-lived connection, many channels). Opened lazily with retries; automatic recovery re-opens it and
/// its channels and consumers after a broker restart (https://www.rabbitmq.com/client-libraries/dotnet-api-guide#recovery).
/// </summary>
public sealed class RabbitMqConnectionProvider : IAsyncDisposable
{
    private static readonly ResiliencePipeline Retry = ConnectionRetry.Create(exception =>
        exception is BrokerUnreachableException or SocketException or ConnectFailureException);

    private readonly ConnectionFactory _factory;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;

    public RabbitMqConnectionProvider(Uri uri, string clientName)
    {
        _factory = new ConnectionFactory
        {
            Uri = uri,
            ClientProvidedName = clientName,
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = TimeSpan.FromSeconds(2),
        };
    }

    /// <summary>The open connection, opened (with retries) on first use.</summary>
    public async Task<IConnection> GetConnectionAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } existing)
        {
            return existing;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _connection ??= await Retry.ExecuteAsync(
                async token => await _factory.CreateConnectionAsync(token),
                cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The connection if it is open now, without retrying: what a readiness probe asks.</summary>
    public async Task<IConnection?> TryGetOpenConnectionAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } existing)
        {
            return existing.IsOpen ? existing : null;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var connection = await GetConnectionAsync(timeout.Token);
            return connection.IsOpen ? connection : null;
        }
        catch (Exception exception) when (exception is BrokerUnreachableException or OperationCanceledException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is { } connection)
        {
            await connection.CloseAsync();
            connection.Dispose();
        }

        _gate.Dispose();
    }
}
