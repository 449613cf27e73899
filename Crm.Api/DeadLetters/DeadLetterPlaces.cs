using Alexandrite.Messaging.DeadLetters;

namespace Alexandrite.Crm.Api.DeadLetters;

/// <summary>
/// Which orders have a message in a dead-letter queue, so the watchdog, the stuck list and the journey name the
/// order's real place ("crm-api dead-letter queue: &lt;reason&gt;") instead of the service that would otherwise be
/// next. Read from the broker at most every <see cref="MaxAge"/>, since every read takes the messages out of their
/// queue for a moment.
/// </summary>
internal sealed class DeadLetterPlaces(DeadLetterQueues queues, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (DateTimeOffset At, IReadOnlyDictionary<Guid, DeadLetter> ByOrder)? _snapshot;

    /// <summary>The oldest dead letter of each order that has one. Without the broker, none (the stage owner is named).</summary>
    public async Task<IReadOnlyDictionary<Guid, DeadLetter>> ByOrderAsync(CancellationToken cancellationToken)
    {
        if (_snapshot is { } fresh && time.GetUtcNow() - fresh.At < MaxAge)
        {
            return fresh.ByOrder;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_snapshot is { } other && time.GetUtcNow() - other.At < MaxAge)
            {
                return other.ByOrder;
            }

            IReadOnlyDictionary<Guid, DeadLetter> byOrder;
            try
            {
                byOrder = (await queues.ListAsync(cancellationToken))
                    .GroupBy(letter => letter.OrderId)
                    .ToDictionary(group => group.Key, group => group.First());
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                byOrder = new Dictionary<Guid, DeadLetter>();
            }

            _snapshot = (time.GetUtcNow(), byOrder);
            return byOrder;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>After a redrive: the next question reads the queues again.</summary>
    public void Forget() => _snapshot = null;

    public void Dispose() => _refresh.Dispose();
}
