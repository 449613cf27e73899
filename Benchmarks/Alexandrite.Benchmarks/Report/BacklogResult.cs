using Alexandrite.Benchmarks.Hosting;

namespace Alexandrite.Benchmarks.Report;

/// <summary>A backlog of submitted orders left waiting for Mes.Api's consumer, then timed from its resumption until all are priced.</summary>
internal sealed record BacklogResult(int Orders, int Submitted, int SubmitErrors, int Priced, TimeSpan DrainTime, CpuUsage Cpu)
{
    public double DrainRate => DrainTime > TimeSpan.Zero ? Priced / DrainTime.TotalSeconds : 0;
}
