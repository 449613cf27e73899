using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;

namespace Alexandrite.Shop.Api.Live;

/// <summary>
/// One subscriber's changes as server-sent events (https://html.spec.whatwg.org/multipage/server-sent-events.html):
/// "ready" once subscribed (a page knows from then on nothing escapes it), "change" with the change's JSON, "refresh"
/// when changes may have been missed, and "heartbeat" when nothing happened for a while, so proxies keep the stream
/// open (SseItem cannot write a comment line; a browser ignores event types it does not listen for).
/// </summary>
internal static class OrderChangeStream
{
    public const string Ready = "ready";
    public const string Change = "change";
    public const string Refresh = "refresh";
    public const string Heartbeat = "heartbeat";

    /// <summary>The data of an event that carries none: a browser drops an event whose data is empty, unseen.</summary>
    private const string NoData = "{}";

    /// <summary>How long a browser waits before it reconnects a stream that ended (the "retry" field).</summary>
    private static readonly TimeSpan ReconnectAfter = TimeSpan.FromSeconds(2);

    public static async IAsyncEnumerable<SseItem<string>> EventsAsync(
        OrderChangeFeed.Subscription subscription, TimeSpan heartbeat, TimeProvider time, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var _ = subscription;
        yield return new SseItem<string>(NoData, Ready) { ReconnectionInterval = ReconnectAfter };

        var reader = subscription.Items;
        Task<bool>? waiting = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            waiting ??= reader.WaitToReadAsync(cancellationToken).AsTask();
            var first = await Task.WhenAny(waiting, Task.Delay(heartbeat, time, cancellationToken));
            if (first != waiting)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    yield break;
                }

                yield return new SseItem<string>(NoData, Heartbeat);
                continue;
            }

            if (!await waiting.ConfigureAwait(false))
            {
                yield break;
            }

            waiting = null;
            while (reader.TryRead(out var item))
            {
                if (subscription.TakeMissed())
                {
                    yield return new SseItem<string>(NoData, Refresh);
                }

                yield return item.IsRefresh
                    ? new SseItem<string>(NoData, Refresh)
                    : new SseItem<string>(item.Change!.ToPayload(), Change);
            }
        }
    }
}
