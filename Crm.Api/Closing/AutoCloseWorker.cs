using Alexandrite.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;

namespace Alexandrite.Crm.Api.Closing;

/// <summary>Closes shipped orders the customer never confirmed, after <see cref="ClosingOptions.AutoCloseAfter"/>.</summary>
internal sealed partial class AutoCloseWorker(OrderClosing closing, IOptions<ClosingOptions> options, TimeProvider time, ILogger<AutoCloseWorker> logger)
    : PeriodicWorker(time, logger)
{
    protected override TimeSpan Interval => options.Value.CheckInterval;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        if (await closing.CloseShippedAsync(options.Value.AutoCloseAfter, cancellationToken) is > 0 and var closed)
        {
            LogClosed(Logger, closed);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed {Count} shipped orders automatically")]
    private static partial void LogClosed(ILogger logger, int count);
}
