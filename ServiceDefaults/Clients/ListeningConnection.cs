using System.Data;
using System.Data.Common;

namespace Npgsql;

/// <summary>
/// A pooled connection that LISTENs on one channel (https://www.postgresql.org/docs/current/sql-listen.html), and stops
/// listening before it goes back to the pool. The services' pools do not reset the connections they take back (No
/// Reset On Close, <see cref="NpgsqlDataSourceDefaults"/>): without UNLISTEN, the connection's next user would hold a
/// subscription nobody reads, and PostgreSQL would go on queueing the channel's notifications for it.
/// </summary>
public sealed class ListeningConnection : IAsyncDisposable
{
    /// <summary>How long UNLISTEN may take when the connection goes back; a connection that does not answer is broken anyway.</summary>
    private const int UnlistenTimeoutSeconds = 2;

    private ListeningConnection(NpgsqlConnection connection) => Connection = connection;

    public NpgsqlConnection Connection { get; }

    /// <summary>
    /// Opens a connection, hands each notification on <paramref name="channel"/> to <paramref name="onNotification"/>
    /// (on the connection's thread, while it reads: in <see cref="NpgsqlConnection.WaitAsync(TimeSpan, CancellationToken)"/>),
    /// then LISTENs.
    /// </summary>
    public static async Task<ListeningConnection> OpenAsync(NpgsqlDataSource dataSource, string channel, Action<string>? onNotification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var listening = new ListeningConnection(await dataSource.OpenConnectionAsync(cancellationToken));
        try
        {
            if (onNotification is not null)
            {
                listening.Connection.Notification += (_, notification) =>
                {
                    if (notification.Channel == channel)
                    {
                        onNotification(notification.Payload);
                    }
                };
            }

            await using var listen = new NpgsqlCommand($"LISTEN {channel}", listening.Connection);
            await listen.ExecuteNonQueryAsync(cancellationToken);
            return listening;
        }
        catch
        {
            await listening.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Connection.FullState == ConnectionState.Open)
        {
            try
            {
                await using var unlisten = new NpgsqlCommand("UNLISTEN *", Connection) { CommandTimeout = UnlistenTimeoutSeconds };
                await unlisten.ExecuteNonQueryAsync(CancellationToken.None);
            }
            catch (Exception exception) when (exception is DbException or IOException or TimeoutException or InvalidOperationException)
            {
                // The connection failed on the way: Npgsql does not take a broken connection back into the pool.
            }
        }

        await Connection.DisposeAsync();
    }
}
