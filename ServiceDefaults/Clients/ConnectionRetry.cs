using Polly;
using Polly.Retry;

namespace Alexandrite.ServiceDefaults.Clients;

/// <summary>
/// The one retry policy for opening connections at start: the database, broker or storage may still be
/// starting (the AppHost starts everything at once). Exponential backoff with jitter, about a minute in all.
/// </summary>
internal static class ConnectionRetry
{
    public static ResiliencePipeline Create(Func<Exception, bool> isTransient) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(isTransient),
                MaxRetryAttempts = 10,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(250),
                MaxDelay = TimeSpan.FromSeconds(10),
            })
            .Build();
}
