using System.Diagnostics;

namespace Alexandrite.Benchmarks.Hosting;

/// <summary>
/// CPU time of each resource's process tree, of this process (the load driver, which also hosts the AppHost), of
/// everything this process started (its children, and the orchestrator's tree, which detaches from it and holds
/// every resource) and of the whole machine, so a step can say which process was busy and how much of the machine
/// others took.
/// </summary>
internal sealed class CpuMeter(IReadOnlyDictionary<string, int> processes, int orchestrator)
{
    public CpuSnapshot Take()
    {
        var self = Environment.ProcessId;
        var (busy, total) = ProcFs.MachineCpuSeconds();
        return new CpuSnapshot(
            Stopwatch.GetTimestamp(),
            processes.ToDictionary(process => process.Key, process => ProcFs.CpuSeconds(ProcFs.Tree(process.Value)), StringComparer.Ordinal),
            ProcFs.CpuSeconds([self]),
            ProcFs.CpuSeconds(ProcFs.Tree(self).Union(orchestrator > 0 ? ProcFs.Tree(orchestrator) : [])),
            busy,
            total);
    }
}

/// <summary>CPU seconds so far, by resource and in the aggregates <see cref="CpuMeter"/> names.</summary>
internal sealed record CpuSnapshot(long Timestamp, IReadOnlyDictionary<string, double> ByResource, double Driver, double Everything, double MachineBusy, double MachineTotal)
{
    public CpuUsage Since(CpuSnapshot start)
    {
        var byResource = ByResource.ToDictionary(
            resource => resource.Key, resource => resource.Value - start.ByResource.GetValueOrDefault(resource.Key), StringComparer.Ordinal);
        var driver = Driver - start.Driver;
        var everything = Everything - start.Everything;
        return new CpuUsage(
            Stopwatch.GetElapsedTime(start.Timestamp, Timestamp),
            byResource,
            driver,
            Math.Max(0, everything - driver - byResource.Values.Sum()),
            Math.Max(0, MachineBusy - start.MachineBusy - everything),
            MachineTotal - start.MachineTotal);
    }
}

/// <summary>CPU seconds used during <see cref="Wall"/>: by resource, by the load driver, by the rest of what it started, by everything else on the machine.</summary>
internal sealed record CpuUsage(
    TimeSpan Wall, IReadOnlyDictionary<string, double> ByResource, double Driver, double Orchestrator, double OutsideSystem, double MachineCapacity)
{
    /// <summary>Cores <paramref name="cpuSeconds"/> kept busy on average during the window.</summary>
    public double Cores(double cpuSeconds) => Wall > TimeSpan.Zero ? cpuSeconds / Wall.TotalSeconds : 0;

    /// <summary>CPU seconds of the system's own resources (services and infrastructure, the dashboard included).</summary>
    public double SystemSeconds => ByResource.Values.Sum();

    /// <summary>"shop-api 0.62, postgres 0.40, ..." in cores, busiest first, with the driver, the orchestrator and the rest of the machine.</summary>
    public string Describe() =>
        string.Join(", ", ByResource.Select(resource => (resource.Key, Seconds: resource.Value))
            .Append((Key: "driver+AppHost", Seconds: Driver)).Append((Key: "orchestrator", Seconds: Orchestrator)).Append((Key: "others on machine", Seconds: OutsideSystem))
            .Where(entry => Cores(entry.Seconds) >= 0.005)
            .OrderByDescending(entry => entry.Seconds)
            .Select(entry => FormattableString.Invariant($"{entry.Key} {Cores(entry.Seconds):0.00}")));
}
