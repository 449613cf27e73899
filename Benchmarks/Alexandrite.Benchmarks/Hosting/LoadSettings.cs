using Alexandrite.Contracts;

namespace Alexandrite.Benchmarks.Hosting;

/// <summary>
/// What the benchmark changes in the services' settings, on top of the AppHost's own environment; everything else
/// is as the run command has it. Only the simulated calculation is made negligible, so the pipeline's own cost is
/// what is measured (a 10 mm cube's 10 s + 1.8 ms per polygon becomes about 1 ms).
/// </summary>
internal static class LoadSettings
{
    public const string TimeScale = "0.0001";

    public static IReadOnlyDictionary<string, string> For(string resourceName) => resourceName switch
    {
        ResourceNames.MesApi => new Dictionary<string, string> { ["Pricing__TimeScale"] = TimeScale },
        _ => new Dictionary<string, string>(),
    };
}
