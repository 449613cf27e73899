using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;

namespace Alexandrite.ServiceDefaults.Hosting;

/// <summary>
/// Holds one connection that LISTENs on a PostgreSQL channel and hands each NOTIFY on it to <see cref="OnNotification"/>
/// (https://www.postgresql.org/docs/current/sql-notify.html: a NOTIFY sent in a transaction is delivered only when it
/// commits, and to every listening process). A silent connection is checked every <see cref="PostgresListenerTiming.KeepAlive"/>
/// (one dropped without a word would otherwise wait forever); a lost one is opened again with back-off. Notifications
/// sent meanwhile are lost, so <see cref="OnListening"/> tells the subclass when it listens again, to catch up.
/// Untraced: listening is nobody's action, and an idle service must cost no spans.
/// </summary>
public abstract partial class PostgresListener(
    NpgsqlDataSource dataSource, string channel, PostgresListenerTiming timing, TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>Called on the connection's thread for each notification on the channel: keep it short.</summary>
    protected abstract void OnNotification(string payload);

    /// <summary>The connection listens: for the first time, or again after it was lost (then look up what was missed).</summary>
    protected virtual void OnListening(bool again)
    {
    }

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var untraced = SuppressInstrumentationScope.Begin();
        var failures = 0;
        var listenedBefore = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var listening = await ListeningConnection.OpenAsync(dataSource, channel, OnNotification, stoppingToken);
                var connection = listening.Connection;
                if (failures > 0)
                {
                    LogListeningAgain(logger, channel, failures);
                }

                OnListening(listenedBefore);
                listenedBefore = true;
                failures = 0;
                while (true)
                {
                    if (!await connection.WaitAsync(timing.KeepAlive, stoppingToken))
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteScalarAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is DbException or IOException or SocketException or TimeoutException or InvalidOperationException)
            {
                failures++;
                var delay = Backoff(timing, failures);
                LogListenFailed(logger, channel, delay.TotalSeconds, exception);
                try
                {
                    await Task.Delay(delay, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>The pause before the next attempt: the first delay, doubled at each failure up to the most.</summary>
    public static TimeSpan Backoff(PostgresListenerTiming timing, int failures)
    {
        ArgumentNullException.ThrowIfNull(timing);
        return TimeSpan.FromTicks(Math.Min(timing.MaxReconnectDelay.Ticks, timing.ReconnectDelay.Ticks * (1L << Math.Min(failures - 1, 20))));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening on the PostgreSQL channel {Channel} again after {Failures} failed attempts")]
    private static partial void LogListeningAgain(ILogger logger, string channel, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening on the PostgreSQL channel {Channel} failed; trying again in {DelaySeconds} s")]
    private static partial void LogListenFailed(ILogger logger, string channel, double delaySeconds, Exception exception);
}

/// <summary>How a <see cref="PostgresListener"/> checks its connection and how it listens again after losing it.</summary>
/// <param name="KeepAlive">How long the connection may be silent before a query checks that it is alive.</param>
/// <param name="ReconnectDelay">The first pause before listening again; doubled at each failure.</param>
/// <param name="MaxReconnectDelay">The longest pause.</param>
public sealed record PostgresListenerTiming(TimeSpan KeepAlive, TimeSpan ReconnectDelay, TimeSpan MaxReconnectDelay)
{
    public static readonly PostgresListenerTiming Default = new(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10));
}
