using System.Globalization;

namespace Alexandrite.Benchmarks.Report;

/// <summary>How long the system took to settle (LoadSession.SettleAsync), the cores its last window used, and the bound it was held to.</summary>
internal sealed record Settling(TimeSpan After, double Cores, double QuietCores)
{
    /// <summary>Quiet within the time allowed; otherwise the next figure was measured on a busy system.</summary>
    public bool Quiet => Cores < QuietCores;

    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"{(Quiet ? "settled" : "NOT settled")} in {After.TotalSeconds:0} s ({Cores:0.00} cores, quiet below {QuietCores:0.00})");
}
