using Alexandrite.Benchmarks.Hosting;
using Alexandrite.Benchmarks.Load;

namespace Alexandrite.Benchmarks.Report;

/// <summary>One offered rate held for a while: what the customers got, what it cost each process, and how long pricing took.</summary>
internal sealed record StepResult
{
    public required string Label { get; init; }

    public required double OfferedRate { get; init; }

    public required int FlowsOffered { get; init; }

    public required int FlowsSubmitted { get; init; }

    /// <summary>From the first flow's start to the last flow's end.</summary>
    public required TimeSpan RequestWindow { get; init; }

    public required IReadOnlyList<RequestSample> Requests { get; init; }

    public required IReadOnlyDictionary<int, IReadOnlyList<string>> ErrorExamples { get; init; }

    /// <summary>How late the driver started flows against its schedule (its own saturation shows here).</summary>
    public required double StartLatenessP95Ms { get; init; }

    /// <summary>CPU while the requests ran.</summary>
    public required CpuUsage RequestCpu { get; init; }

    /// <summary>What the database server was busy with while the requests ran.</summary>
    public required DatabaseActivityReport Database { get; init; }

    /// <summary>CPU from the step's start until its orders were priced (or the drain timed out).</summary>
    public required CpuUsage PipelineCpu { get; init; }

    /// <summary>Submitted orders that reached PRICE_CALCULATED, and how long each took from SUBMITTED.</summary>
    public required IReadOnlyList<double> SubmitToPricedMs { get; init; }

    /// <summary>Whether every submitted order was priced within the drain timeout, and how long after the requests that took.</summary>
    public required bool Drained { get; init; }

    public required TimeSpan DrainTime { get; init; }

    /// <summary>Whether a few orders placed one by one after the step all went through (the system recovered by itself).</summary>
    public required bool Recovered { get; init; }

    public double AchievedRate => RequestWindow > TimeSpan.Zero ? FlowsSubmitted / RequestWindow.TotalSeconds : 0;

    public int Count(int status) => Requests.Count(request => request.Status == status);

    public int Errors => Requests.Count(request => !request.Succeeded);

    /// <summary>Errors other than 500 and 503: 4xx, other 5xx, and no answer (status 0).</summary>
    public int OtherErrors => Errors - Count(500) - Count(503);

    public double? RequestPercentile(double percent) => Percentiles.Of([.. Requests.Select(request => request.Milliseconds)], percent);

    public double? PricedPercentile(double percent) => Percentiles.Of([.. SubmitToPricedMs], percent);

    public int NotPriced => FlowsSubmitted - SubmitToPricedMs.Count;

    /// <summary>Shop.Api's CPU per request it answered, in milliseconds, over the request window.</summary>
    public double? ShopApiCpuPerRequestMs =>
        Requests.Count == 0 || !RequestCpu.ByResource.TryGetValue(Contracts.ResourceNames.ShopApi, out var seconds) ? null : seconds * 1000 / Requests.Count;

    /// <summary>Shop.Api's instances by resource name (one unless they run side by side), the flows taking them in turn.</summary>
    public IReadOnlyList<string> ShopApiInstances { get; init; } = [Contracts.ResourceNames.ShopApi];

    /// <summary>What the runtime's background compiler spent in each of <see cref="ShopApiInstances"/> while the requests ran.</summary>
    public required IReadOnlyDictionary<string, TimeSpan> ShopApiInstanceCompilerCpu { get; init; }

    /// <summary>What the background compiler spent in Shop.Api (its first instance) while the requests ran.</summary>
    public TimeSpan ShopApiCompilerCpu => ShopApiInstanceCompilerCpu.GetValueOrDefault(Contracts.ResourceNames.ShopApi);

    /// <summary>
    /// The step as one of Shop.Api's instances saw it, when they ran side by side: its requests, its CPU and its
    /// compiler's as Shop.Api's, the other instances left out of the CPU while the requests ran; the flows, their
    /// pricing and the whole pipeline's CPU stay the whole step's, which all instances shared.
    /// </summary>
    public StepResult ForShopApiInstance(int index, double? idleCores)
    {
        var instance = ShopApiInstances[index];
        var requests = Requests.Where(request => request.Instance == index).ToList();
        var cpu = RequestCpu.ByResource.Where(resource => !ShopApiInstances.Contains(resource.Key)).ToDictionary(StringComparer.Ordinal);
        cpu[Contracts.ResourceNames.ShopApi] = RequestCpu.ByResource.GetValueOrDefault(instance);

        return this with
        {
            Requests = requests,
            RequestCpu = RequestCpu with { ByResource = cpu },
            ShopApiIdleCores = idleCores,
            ShopApiInstances = [Contracts.ResourceNames.ShopApi],
            ShopApiInstanceCompilerCpu = new Dictionary<string, TimeSpan> { [Contracts.ResourceNames.ShopApi] = ShopApiInstanceCompilerCpu.GetValueOrDefault(instance) },
        };
    }

    /// <summary>
    /// <see cref="ShopApiCpuPerRequestMs"/> less the background compiler's CPU over the same window: what a start that
    /// has not finished compiling its hot code adds, which varies from start to start and is no cost of the requests.
    /// </summary>
    public double? ShopApiCpuPerRequestLessCompilerMs =>
        ShopApiCpuPerRequestMs is { } total ? total - (ShopApiCompilerCpu.TotalMilliseconds / Requests.Count) : null;

    /// <summary>Shop.Api's cores at rest on the same start just before the step, when measured (the cost comparison).</summary>
    public double? ShopApiIdleCores { get; init; }

    /// <summary>
    /// <see cref="ShopApiCpuPerRequestMs"/> less what Shop.Api spends at rest over the same window (exporting metrics every
    /// second, timers, pollers): what the requests themselves cost, which a fixed cost per second does not move.
    /// </summary>
    public double? ShopApiCpuPerRequestAboveIdleMs =>
        ShopApiCpuPerRequestMs is { } total && ShopApiIdleCores is { } idle ? total - (idle * RequestCpu.Wall.TotalSeconds * 1000 / Requests.Count) : null;

    /// <summary>The CPU the whole system (services, infrastructure, dashboard) spent per order priced, in milliseconds.</summary>
    public double? SystemCpuPerOrderMs => SubmitToPricedMs.Count == 0 ? null : PipelineCpu.SystemSeconds * 1000 / SubmitToPricedMs.Count;

    /// <summary>The test of a sustained rate: no error, the offered rate achieved, every order priced, p95 under a second.</summary>
    public bool Sustained =>
        Errors == 0 && AchievedRate >= 0.95 * OfferedRate && NotPriced == 0 && PricedPercentile(95) < Goals.SubmitToPricedP95Ms;
}
