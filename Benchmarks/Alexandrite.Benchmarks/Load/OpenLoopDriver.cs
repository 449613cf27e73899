using System.Diagnostics;

namespace Alexandrite.Benchmarks.Load;

/// <summary>
/// Offers order flows at a fixed rate, open loop: flow i starts at i / rate seconds whether or not earlier flows
/// have finished, as customers arrive, so a slow system faces a growing queue instead of a politely slowing client
/// (no coordinated omission). How late the driver itself started flows is kept: a driver starved of CPU offers
/// less than it says.
/// </summary>
internal static class OpenLoopDriver
{
    public static async Task<OpenLoopRun> RunAsync(OrderFlows flows, double rate, TimeSpan duration, RequestRecorder recorder, CancellationToken cancellationToken)
    {
        var count = (int)Math.Round(rate * duration.TotalSeconds);
        var started = Stopwatch.GetTimestamp();
        var running = new List<Task<FlowOutcome>>(count);
        var lateness = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var due = started + (long)(i / rate * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            lateness.Add(Stopwatch.GetElapsedTime(due).TotalMilliseconds);

            // On the thread pool, so a flow's synchronous start never delays the next one's.
            running.Add(Task.Run(() => flows.RunAsync(recorder, cancellationToken), cancellationToken));
        }

        var outcomes = await Task.WhenAll(running);
        return new OpenLoopRun(outcomes, Stopwatch.GetElapsedTime(started), lateness);
    }
}

/// <param name="Elapsed">From the first flow's start to the last flow's end.</param>
/// <param name="StartLatenessMs">How late each flow started against its schedule.</param>
internal sealed record OpenLoopRun(IReadOnlyList<FlowOutcome> Outcomes, TimeSpan Elapsed, IReadOnlyList<double> StartLatenessMs);
