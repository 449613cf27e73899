using System.Globalization;

namespace Alexandrite.Benchmarks.Report;

/// <summary>
/// How long the warm-up load ran on until the runtime's background compiler went quiet, and what it spent in the last
/// window (<see cref="Load.LoadSession.WaitForCompilationAsync"/>).
/// </summary>
internal sealed record Compilation(TimeSpan After, TimeSpan LastWindowCpu, TimeSpan Window, TimeSpan QuietCpu)
{
    /// <summary>Quiet within the time allowed; otherwise the figures that follow include compiling.</summary>
    public bool Quiet => LastWindowCpu < QuietCpu;

    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"compilation {(Quiet ? "quiet" : "NOT quiet")} after {After.TotalSeconds:0} s more load ({LastWindowCpu.TotalMilliseconds:0} ms in the last {Window.TotalSeconds:0} s, quiet below {QuietCpu.TotalMilliseconds:0})");
}
