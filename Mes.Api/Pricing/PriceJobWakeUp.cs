using Alexandrite.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Alexandrite.Mes.Api.Pricing;

/// <summary>
/// Wakes an idle calculation loop the moment a job is queued, in this Mes.Api instance or another: PriceJobs.QueueAsync
/// sends a NOTIFY on <see cref="Channel"/> in the job's transaction. Without it each idle loop polled the table
/// (Pricing:PollInterval is now only the safety net for leases that expire and jobs postponed after a storage outage).
/// One job, one loop woken: not every loop of every instance runs the claim query for it.
/// </summary>
internal sealed class PriceJobWakeUp(NpgsqlDataSource dataSource, IOptions<PricingOptions> options, TimeProvider time, ILogger<PriceJobWakeUp> logger)
    : PostgresListener(dataSource, Channel, PostgresListenerTiming.Default, time, logger)
{
    public const string Channel = "mes_price_jobs";

    /// <summary>At most one pending wake-up per loop: jobs queued while every loop was busy cost each loop one claim query at most.</summary>
    private readonly int _loops = options.Value.Concurrency;

    private readonly SemaphoreSlim _queued = new(0, options.Value.Concurrency);

    /// <summary>Waits until a job may be waiting, or <paramref name="timeout"/>.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _queued.WaitAsync(timeout, cancellationToken);

    protected override void OnNotification(string payload) => Wake(1);

    /// <summary>Jobs queued while nobody listened are found by the loops that wake now.</summary>
    protected override void OnListening(bool again) => Wake(_loops);

    private void Wake(int loops)
    {
        // Never past the semaphore's maximum: a wake-up no loop is waiting for is one claim query that finds nothing.
        lock (_queued)
        {
            var release = Math.Min(loops, _loops - _queued.CurrentCount);
            if (release > 0)
            {
                _queued.Release(release);
            }
        }
    }

    public override void Dispose()
    {
        _queued.Dispose();
        base.Dispose();
    }
}
