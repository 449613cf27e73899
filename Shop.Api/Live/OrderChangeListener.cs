using System.Data.Common;
using System.Net.Sockets;
using Alexandrite.ShopDatabase;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;

namespace Alexandrite.Shop.Api.Live;

/// <summary>
/// The process's one LISTEN connection to the Shop DB (https://www.postgresql.org/docs/current/sql-listen.html): each
/// order change the Shop DB announces (<see cref="OrderChange"/>, sent by Shop.Api and Crm.Api alike through
/// OrderStatusStore) goes to the <see cref="OrderChangeFeed"/>. When the connection is lost (a database restart), it
/// listens again with back-off, and then tells every subscriber to refresh: changes made meanwhile were not heard.
/// Its queries are not traced: listening is not anyone's action, and an idle page must cost no spans.
/// </summary>
internal sealed partial class OrderChangeListener(
    NpgsqlDataSource dataSource,
    OrderChangeFeed feed,
    IOptions<LiveStatusOptions> options,
    TimeProvider time,
    ILogger<OrderChangeListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var untraced = SuppressInstrumentationScope.Begin();
        var settings = options.Value;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += OnNotification;
                await using (var listen = new NpgsqlCommand($"LISTEN {OrderChange.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                if (failures > 0)
                {
                    LogListeningAgain(logger, failures);
                    feed.PublishRefresh();
                }
                else
                {
                    LogListening(logger, OrderChange.Channel);
                }

                failures = 0;
                while (true)
                {
                    // Notifications arrive while waiting; a silent connection is checked now and then, since a
                    // connection dropped without a word would otherwise wait forever.
                    if (!await connection.WaitAsync(settings.KeepAliveInterval, stoppingToken))
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
                var delay = Backoff(settings, failures);
                LogListenFailed(logger, delay.TotalSeconds, exception);
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

    private void OnNotification(object sender, NpgsqlNotificationEventArgs notification)
    {
        if (notification.Channel == OrderChange.Channel && OrderChange.TryParse(notification.Payload, out var change))
        {
            feed.Publish(change);
        }
        else
        {
            LogIgnored(logger, notification.Channel);
        }
    }

    internal static TimeSpan Backoff(LiveStatusOptions settings, int failures) =>
        TimeSpan.FromTicks(Math.Min(settings.MaxReconnectDelay.Ticks, settings.ReconnectDelay.Ticks * (1L << Math.Min(failures - 1, 20))));

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for order changes on {Channel}")]
    private static partial void LogListening(ILogger logger, string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for order changes again after {Failures} failed attempts: open pages are told to refresh")]
    private static partial void LogListeningAgain(ILogger logger, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for order changes failed; trying again in {DelaySeconds} s")]
    private static partial void LogListenFailed(ILogger logger, double delaySeconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A notification on {Channel} that is not an order change was ignored")]
    private static partial void LogIgnored(ILogger logger, string channel);
}
