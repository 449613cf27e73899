namespace Alexandrite.Messaging.Consuming;

/// <summary>
/// Lets a demo stop a service taking messages without stopping the service: while paused, the consumer holds no
/// channel, so RabbitMQ keeps the messages in the queue and the orders they carry wait (and the watchdog reports
/// them stuck); on resume it consumes again. Development only (see MapConsumerSwitch).
/// </summary>
public sealed class ConsumerSwitch
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _paused = NewSignal();
    private TaskCompletionSource _resumed = Completed();
    private TaskCompletionSource _stopped = Completed();

    public bool IsPaused { get; private set; }

    /// <summary>Asks the consumer to stop; the task completes once it holds no channel any more.</summary>
    public Task PauseAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!IsPaused)
            {
                IsPaused = true;
                _resumed = NewSignal();
                _stopped = NewSignal();
                _paused.TrySetResult();
            }

            return _stopped.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The consumer has closed its channel after <see cref="PauseAsync"/>.</summary>
    public void ConfirmPaused()
    {
        lock (_gate)
        {
            _stopped.TrySetResult();
        }
    }

    public void Resume()
    {
        lock (_gate)
        {
            if (IsPaused)
            {
                IsPaused = false;
                _paused = NewSignal();
                _resumed.TrySetResult();
            }
        }
    }

    public Task WhenPausedAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _paused.Task.WaitAsync(cancellationToken);
        }
    }

    public Task WhenRunningAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _resumed.Task.WaitAsync(cancellationToken);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static TaskCompletionSource Completed()
    {
        var signal = NewSignal();
        signal.SetResult();
        return signal;
    }
}
