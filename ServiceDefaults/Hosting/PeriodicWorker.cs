using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Alexandrite.ServiceDefaults.Hosting;

/// <summary>
/// A background job that runs at start and then every <see cref="Interval"/> until the host stops. A run that
/// fails is logged and the next tick tries again, so one bad run (the database restarting) never ends the job.
/// </summary>
public abstract partial class PeriodicWorker(TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time { get; } = time;

    protected ILogger Logger { get; } = logger;

    /// <summary>The pause between the starts of two runs (a run longer than that delays the next, never overlaps it).</summary>
    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, Time);
        try
        {
            do
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogRunFailed(Logger, GetType().Name, exception);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Worker} failed; it tries again at its next run")]
    private static partial void LogRunFailed(ILogger logger, string worker, Exception exception);
}
