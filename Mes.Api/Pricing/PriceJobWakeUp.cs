using System.Threading.Channels;
using Alexandrite.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Alexandrite.Mes.Api.Pricing;

/// <summary>
/// Wakes idle calculation loops, one per wake-up. A job queued in this Mes.Api instance or another wakes one loop the
/// moment it commits: PriceJobs.QueueAsync sends a NOTIFY on <see cref="Channel"/> in the job's transaction. The jobs no
/// NOTIFY announces (a lease that expired, a job postponed while storage was away, jobs queued while nobody listened)
/// are searched for: once every Pricing:PollInterval by one loop (<see cref="Search"/>), and by one more loop each
/// time a search finds one, so a backlog found that way is soon worked by as many loops as it needs. Polling by every
/// idle loop instead cost Concurrency claim queries per interval, each a root span: with 64 loops polling every 100 ms,
/// a test system's exporter dropped the spans the tests looked for.
/// </summary>
internal sealed class PriceJobWakeUp(NpgsqlDataSource dataSource, IOptions<PricingOptions> options, TimeProvider time, ILogger<PriceJobWakeUp> logger)
    : PostgresListener(dataSource, Channel, PostgresListenerTiming.Default, time, logger)
{
    public const string Channel = "mes_price_jobs";

    private readonly int _loops = options.Value.Concurrency;

    /// <summary>At most one pending wake-up per loop: jobs queued while every loop was busy cost each loop one claim at most.</summary>
    private readonly Channel<PriceJobWakeReason> _wakeUps = System.Threading.Channels.Channel.CreateBounded<PriceJobWakeReason>(
        new BoundedChannelOptions(options.Value.Concurrency) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Waits until a job may be waiting, and says why.</summary>
    public ValueTask<PriceJobWakeReason> WaitAsync(CancellationToken cancellationToken) => _wakeUps.Reader.ReadAsync(cancellationToken);

    /// <summary>One loop looks for a job nobody announced.</summary>
    public void Search() => _wakeUps.Writer.TryWrite(PriceJobWakeReason.Search);

    protected override void OnNotification(string payload) => _wakeUps.Writer.TryWrite(PriceJobWakeReason.Queued);

    /// <summary>Jobs queued while nobody listened are found by the loops that wake now.</summary>
    protected override void OnListening(bool again)
    {
        for (var loop = 0; loop < _loops; loop++)
        {
            Search();
        }
    }
}

/// <summary>Why a calculation loop woke.</summary>
internal enum PriceJobWakeReason
{
    /// <summary>A job was queued (its NOTIFY): the loop claims it, or finds another loop was quicker.</summary>
    Queued,

    /// <summary>A job nobody announced may be waiting: when the loop finds one, it wakes another to look too.</summary>
    Search,
}
