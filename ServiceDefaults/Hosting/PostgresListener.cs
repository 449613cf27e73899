using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Alexandrite.ServiceDefaults.Hosting;

/// <summary>
/// Holds one connection that LISTENs on a PostgreSQL channel and hands each NOTIFY to <see cref="OnNotification"/>
/// (https://www.postgresql.org/docs/current/sql-notify.html: a NOTIFY sent in a transaction is delivered only when it
/// commits, and to every listening process). Notifications sent while the connection was down are lost, so after
/// every (re)connect <see cref="OnListening"/> lets the subclass catch up; a lost connection is opened again after
/// <see cref="ReconnectDelay"/>.
/// </summary>
public abstract partial class PostgresListener(NpgsqlDataSource dataSource, string channel, TimeProvider time, ILogger logger) : BackgroundService
{
    protected static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(2);

    /// <summary>Called on the connection's thread for each notification: keep it short.</summary>
    protected abstract void OnNotification(string payload);

    /// <summary>The connection listens (again): whatever was notified while it did not is to be looked up.</summary>
    protected virtual void OnListening()
    {
    }

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, notification) => OnNotification(notification.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                OnListening();
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogListenFailed(logger, channel, ReconnectDelay, exception);
                try
                {
                    await Task.Delay(ReconnectDelay, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening on the PostgreSQL channel {Channel} failed; listening again in {Delay}")]
    private static partial void LogListenFailed(ILogger logger, string channel, TimeSpan delay, Exception exception);
}
