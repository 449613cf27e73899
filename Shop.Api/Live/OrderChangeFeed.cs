using System.Collections.Concurrent;
using System.Threading.Channels;
using Alexandrite.ShopDatabase;
using Microsoft.Extensions.Options;

namespace Alexandrite.Shop.Api.Live;

/// <summary>
/// The process's order changes, fanned out to every open stream: the one database listener
/// (<see cref="OrderChangeListener"/>) publishes, each stream subscribes with what its caller may see. Each subscriber
/// has a bounded buffer: one that falls behind loses its oldest changes and gets a refresh in their place.
/// </summary>
internal sealed class OrderChangeFeed(IOptions<LiveStatusOptions> options)
{
    private readonly ConcurrentDictionary<Subscription, byte> _subscribers = new();

    public int SubscriberCount => _subscribers.Count;

    /// <summary>Subscribes to the changes <paramref name="visible"/> lets through; dispose the subscription to leave.</summary>
    public Subscription Subscribe(Func<OrderChange, bool> visible)
    {
        var subscription = new Subscription(this, visible, options.Value.SubscriberBuffer);
        _subscribers.TryAdd(subscription, 0);
        return subscription;
    }

    public void Publish(OrderChange change)
    {
        foreach (var subscriber in _subscribers.Keys)
        {
            if (subscriber.Sees(change))
            {
                subscriber.Offer(new FeedItem(change));
            }
        }
    }

    /// <summary>Tells every subscriber that changes may have been missed.</summary>
    public void PublishRefresh()
    {
        foreach (var subscriber in _subscribers.Keys)
        {
            subscriber.Offer(FeedItem.Refresh);
        }
    }

    internal sealed class Subscription : IDisposable
    {
        private readonly OrderChangeFeed _feed;
        private readonly Func<OrderChange, bool> _visible;
        private readonly Channel<FeedItem> _items;
        private int _missed;

        internal Subscription(OrderChangeFeed feed, Func<OrderChange, bool> visible, int capacity)
        {
            _feed = feed;
            _visible = visible;
            _items = Channel.CreateBounded<FeedItem>(
                new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
                _ => Interlocked.Exchange(ref _missed, 1));
        }

        public ChannelReader<FeedItem> Items => _items.Reader;

        /// <summary>Whether items were dropped since the last call (the reader then sends a refresh); resets.</summary>
        public bool TakeMissed() => Interlocked.Exchange(ref _missed, 0) == 1;

        internal bool Sees(OrderChange change) => _visible(change);

        internal void Offer(FeedItem item) => _items.Writer.TryWrite(item);

        public void Dispose()
        {
            _feed._subscribers.TryRemove(this, out _);
            _items.Writer.TryComplete();
        }
    }
}
