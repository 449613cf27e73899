namespace Alexandrite.Messaging.Consuming;

/// <summary>
/// One lane per order: work for different orders runs side by side, work for one order runs one piece at a time, in
/// the order it was given. A queue's deliveries are handled concurrently (Messaging:ConsumerConcurrency), yet two
/// messages about one order are applied in the order the broker delivered them, as its lifecycle needs: a status
/// handled before the one it follows would fail and wait in the retry queue. A lane is forgotten once it is idle.
/// </summary>
internal sealed class OrderLanes
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Task> _tails = [];

    /// <summary>
    /// Queues <paramref name="work"/> behind the order's earlier work and returns at once (the caller is not held by
    /// it): the returned task completes with the work.
    /// </summary>
    public Task RunAsync(Guid orderId, Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task? previous;
        lock (_gate)
        {
            _tails.TryGetValue(orderId, out previous);
            _tails[orderId] = done.Task;
        }

        return RunAfterAsync(orderId, previous, work, done);
    }

    private async Task RunAfterAsync(Guid orderId, Task? previous, Func<Task> work, TaskCompletionSource done)
    {
        try
        {
            // The lane's earlier work (its done signal never faults); with none, off the caller's thread all the same.
            if (previous is null)
            {
                await Task.Yield();
            }
            else
            {
                await previous;
            }

            await work();
        }
        finally
        {
            lock (_gate)
            {
                if (_tails.TryGetValue(orderId, out var tail) && tail == done.Task)
                {
                    _tails.Remove(orderId);
                }
            }

            done.SetResult();
        }
    }
}
