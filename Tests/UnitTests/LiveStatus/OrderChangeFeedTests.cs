extern alias ShopApi;

using System.Net.ServerSentEvents;
using Alexandrite.ServiceDefaults.Hosting;
using Alexandrite.ShopDatabase;
using Microsoft.Extensions.Options;
using ShopApi::Alexandrite.Shop.Api.Live;

namespace Alexandrite.UnitTests.LiveStatus;

/// <summary>
/// Shop.Api's fan-out of order changes to open streams: each subscriber gets what it may see, a slow one holds at most
/// its buffer and is told to refresh for what it lost, a refresh reaches everyone, and a stream says it is ready
/// before anything else and sends heartbeats while nothing happens.
/// </summary>
public sealed class OrderChangeFeedTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public void A_subscriber_gets_only_the_changes_it_may_see()
    {
        var feed = Feed();
        var mine = Guid.CreateVersion7();
        using var customer = feed.Subscribe(change => change.OrderId == mine);
        using var staff = feed.Subscribe(_ => true);

        feed.Publish(Change(Guid.CreateVersion7(), "SUBMITTED"));
        feed.Publish(Change(mine, "PRICE_CALCULATED"));

        Assert.Equal([mine], Drain(customer).Select(item => item.Change!.OrderId));
        Assert.Equal(2, Drain(staff).Count);
    }

    [Fact]
    public void A_slow_subscriber_holds_at_most_its_buffer_and_is_told_to_refresh()
    {
        var feed = Feed(buffer: 4);
        using var slow = feed.Subscribe(_ => true);

        for (var i = 0; i < 100; i++)
        {
            feed.Publish(Change(Guid.CreateVersion7(), "SUBMITTED"));
        }

        Assert.Equal(4, slow.Items.Count);
        Assert.True(slow.TakeMissed());
        Assert.False(slow.TakeMissed());
    }

    [Fact]
    public void A_refresh_reaches_every_subscriber_whatever_it_follows()
    {
        var feed = Feed();
        using var one = feed.Subscribe(change => change.OrderId == Guid.Empty);
        using var all = feed.Subscribe(_ => true);

        feed.PublishRefresh();

        Assert.True(Assert.Single(Drain(one)).IsRefresh);
        Assert.True(Assert.Single(Drain(all)).IsRefresh);
    }

    [Fact]
    public void A_closed_subscription_leaves_the_feed()
    {
        var feed = Feed();
        var subscription = feed.Subscribe(_ => true);
        Assert.Equal(1, feed.SubscriberCount);

        subscription.Dispose();
        feed.Publish(Change(Guid.CreateVersion7(), "SUBMITTED"));

        Assert.Equal(0, feed.SubscriberCount);
        Assert.Equal(0, subscription.Items.Count);
    }

    [Fact]
    public async Task A_stream_is_ready_first_then_carries_changes_and_refreshes()
    {
        var feed = Feed();
        var orderId = Guid.CreateVersion7();
        using var cancel = new CancellationTokenSource(Wait);
        await using var events = OrderChangeStream.EventsAsync(feed.Subscribe(_ => true), TimeSpan.FromHours(1), TimeProvider.System, cancel.Token)
            .GetAsyncEnumerator(cancel.Token);

        Assert.True(await events.MoveNextAsync());
        Assert.Equal(OrderChangeStream.Ready, events.Current.EventType);

        feed.Publish(Change(orderId, "SHIPPED"));
        feed.PublishRefresh();

        Assert.True(await events.MoveNextAsync());
        Assert.Equal(OrderChangeStream.Change, events.Current.EventType);
        Assert.True(OrderChange.TryParse(events.Current.Data, out var change));
        Assert.Equal((orderId, "SHIPPED"), (change.OrderId, change.Status));
        Assert.True(await events.MoveNextAsync());
        Assert.Equal(OrderChangeStream.Refresh, events.Current.EventType);
    }

    [Fact]
    public async Task An_idle_stream_sends_heartbeats()
    {
        var feed = Feed();
        using var cancel = new CancellationTokenSource(Wait);
        var events = new List<SseItem<string>>();
        await foreach (var item in OrderChangeStream.EventsAsync(feed.Subscribe(_ => true), TimeSpan.FromMilliseconds(20), TimeProvider.System, cancel.Token))
        {
            events.Add(item);
            if (events.Count == 3)
            {
                break;
            }
        }

        Assert.Equal([OrderChangeStream.Ready, OrderChangeStream.Heartbeat, OrderChangeStream.Heartbeat], events.Select(item => item.EventType));
        Assert.Equal(0, feed.SubscriberCount);
    }

    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(2, 1)]
    [InlineData(5, 8)]
    [InlineData(6, 10)]
    [InlineData(60, 10)]
    public void Reconnecting_backs_off_up_to_the_limit(int failures, double seconds)
    {
        var settings = new LiveStatusOptions { ReconnectDelay = TimeSpan.FromMilliseconds(500), MaxReconnectDelay = TimeSpan.FromSeconds(10) };

        Assert.Equal(seconds, PostgresListener.Backoff(settings.ListenerTiming, failures).TotalSeconds);
    }

    private static OrderChangeFeed Feed(int buffer = 64) => new(Options.Create(new LiveStatusOptions { SubscriberBuffer = buffer }));

    private static OrderChange Change(Guid orderId, string status) => OrderChange.Of(orderId, status, DateTimeOffset.UtcNow);

    private static List<FeedItem> Drain(OrderChangeFeed.Subscription subscription)
    {
        var items = new List<FeedItem>();
        while (subscription.Items.TryRead(out var item))
        {
            items.Add(item);
        }

        return items;
    }
}
