using System.Collections.ObjectModel;

namespace Alexandrite.Testing.Otlp;

/// <summary>
/// A thread-safe list of received items that callers can wait on. Kestrel appends
/// from its request threads while tests read and wait; readers get immutable snapshots, so a
/// condition is always evaluated against a consistent list.
/// </summary>
/// <param name="noun">Plural name for messages, e.g. "spans".</param>
/// <param name="summarize">Describes a snapshot for the timeout message.</param>
internal sealed class SignalStore<T>(string noun, Func<IReadOnlyList<T>, string> summarize)
{
    private readonly Lock _gate = new();
    private IReadOnlyList<T> _snapshot = ReadOnlyCollection<T>.Empty;

    // Completed and replaced on every change; waiters await the instance they saw before
    // evaluating their condition, so a change between the check and the await is never missed.
    private TaskCompletionSource _changed = NewSignal();

    public IReadOnlyList<T> Snapshot => Volatile.Read(ref _snapshot);

    public void Add(IReadOnlyCollection<T> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            Volatile.Write(ref _snapshot, new ReadOnlyCollection<T>([.. _snapshot, .. items]));
        }

        Signal();
    }

    public void Clear()
    {
        lock (_gate)
        {
            Volatile.Write(ref _snapshot, ReadOnlyCollection<T>.Empty);
        }

        Signal();
    }

    public async Task<IReadOnlyList<T>> WaitAsync(
        Func<IReadOnlyList<T>, bool> condition,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var timeoutSource = new CancellationTokenSource(timeout);
        using var linkedSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        while (true)
        {
            var changed = Volatile.Read(ref _changed).Task;
            var snapshot = Snapshot;
            if (condition(snapshot))
            {
                return snapshot;
            }

            try
            {
                await changed.WaitAsync(linkedSource.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // One last look: data may have landed just as the time ran out.
                var last = Snapshot;
                if (condition(last))
                {
                    return last;
                }

                throw new TimeoutException(
                    $"No {noun} satisfied the condition within {timeout}. {summarize(last)}");
            }
        }
    }

    private void Signal() => Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();

    // Continuations run asynchronously so a waiter's condition never runs on (and never
    // stalls) the Kestrel thread that delivered the data.
    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
