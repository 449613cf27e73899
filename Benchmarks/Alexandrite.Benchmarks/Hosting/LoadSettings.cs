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

    /// <summary>
    /// On top, for the starts telemetry's cost is judged on, in every setting alike: no spin-waiting in the thread pool.
    /// A worker that runs out of work spins before it sleeps, burning CPU in proportion to how often the pool goes idle,
    /// so Shop.Api's CPU per request moved with the load beside it rather than with its own work (about a quarter of it
    /// at 30/s with the defaults; cheaper the busier the machine, which flattered the setting that loads it most). Spinning
    /// is the runtime's trade-off for bursts of work (https://github.com/dotnet/runtime/issues/100348), not work a
    /// request asks for. The other figures run with the runtime's defaults, as the run command does.
    /// </summary>
    public static IReadOnlyDictionary<string, string> CostMeasurement { get; } =
        new Dictionary<string, string> { ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0" };

    public static IReadOnlyDictionary<string, string> For(string resourceName) => resourceName switch
    {
        ResourceNames.MesApi => new Dictionary<string, string> { ["Pricing__TimeScale"] = TimeScale },
        _ => new Dictionary<string, string>(),
    };
}
