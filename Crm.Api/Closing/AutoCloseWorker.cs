using Microsoft.Extensions.Options;

namespace Alexandrite.Crm.Api.Closing;

/// <summary>Closes shipped orders the customer never confirmed, after <see cref="ClosingOptions.AutoCloseAfter"/>.</summary>
internal sealed partial class AutoCloseWorker(OrderClosing closing, IOptions<ClosingOptions> options, TimeProvider time, ILogger<AutoCloseWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckInterval, time);
        try
        {
            do
            {
                try
                {
                    if (await closing.CloseShippedAsync(options.Value.AutoCloseAfter, stoppingToken) is > 0 and var closed)
                    {
                        LogClosed(logger, closed);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogFailed(logger, exception);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed {Count} shipped orders automatically")]
    private static partial void LogClosed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing shipped orders failed; trying again at the next check")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
