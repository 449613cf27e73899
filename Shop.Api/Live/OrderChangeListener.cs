using Alexandrite.ServiceDefaults.Hosting;
using Alexandrite.ShopDatabase;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Alexandrite.Shop.Api.Live;

/// <summary>
/// The process's one LISTEN connection to the Shop DB (a <see cref="PostgresListener"/>): each order change the Shop DB
/// announces (<see cref="OrderChange"/>, sent by Shop.Api and Crm.Api alike through OrderStatusStore) goes to the
/// <see cref="OrderChangeFeed"/>. When it listens again after losing the connection (a database restart), every
/// subscriber is told to refresh: changes made meanwhile were not heard.
/// </summary>
internal sealed partial class OrderChangeListener(
    NpgsqlDataSource dataSource,
    OrderChangeFeed feed,
    IOptions<LiveStatusOptions> options,
    TimeProvider time,
    ILogger<OrderChangeListener> logger)
    : PostgresListener(dataSource, OrderChange.Channel, options.Value.ListenerTiming, time, logger)
{
    protected override void OnNotification(string payload)
    {
        if (OrderChange.TryParse(payload, out var change))
        {
            feed.Publish(change);
        }
        else
        {
            LogIgnored(logger, OrderChange.Channel);
        }
    }

    protected override void OnListening(bool again)
    {
        if (again)
        {
            LogRefreshing(logger);
            feed.PublishRefresh();
        }
        else
        {
            LogListening(logger, OrderChange.Channel);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for order changes on {Channel}")]
    private static partial void LogListening(ILogger logger, string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for order changes again: open pages are told to refresh")]
    private static partial void LogRefreshing(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A notification on {Channel} that is not an order change was ignored")]
    private static partial void LogIgnored(ILogger logger, string channel);
}
