using Alexandrite.Benchmarks.Hosting;

namespace Alexandrite.Benchmarks.Report;

/// <summary>Everything measured on the system started with one telemetry setting.</summary>
internal sealed class SettingResult(string name)
{
    public string Name { get; } = name;

    public TimeSpan StartUpTime { get; set; }

    public IReadOnlyDictionary<string, TimeSpan> HealthyAfter { get; set; } = new Dictionary<string, TimeSpan>();

    /// <summary>Resident memory of each resource's busiest process right after start-up, and its peak at the end of the run, in bytes.</summary>
    public IReadOnlyDictionary<string, (long AtRest, long Peak)> Memory { get; set; } = new Dictionary<string, (long, long)>();

    /// <summary>How long the system took to settle after the warm-up, and the cores it then used.</summary>
    public Settling? SettledAfterWarmUp { get; set; }

    /// <summary>How long each start's warm-up load went on until the runtime had compiled what it runs, in the order run.</summary>
    public List<Compilation> Compilations { get; } = [];

    /// <summary>CPU with no load, after the warm-up.</summary>
    public CpuUsage? Idle { get; set; }

    public List<StepResult> Steps { get; } = [];

    /// <summary>
    /// The cost steps, one per round of the cost comparison (BenchmarkOptions.CostRounds), in the order run, each as this
    /// setting's Shop.Api instance saw it: the steps telemetry's cost is judged on.
    /// </summary>
    public List<StepResult> CostSteps { get; } = [];

    /// <summary>Why a round of the cost comparison gave no step.</summary>
    public List<string> CostFailures { get; } = [];

    /// <summary>Shop.Api's CPU per request over the cost steps without errors: their median, in milliseconds.</summary>
    public double? CostCpuPerRequestMs =>
        CostMedian(step => step.ShopApiCpuPerRequestMs);

    /// <summary>Shop.Api's cores at rest before each cost step: their median.</summary>
    public double? CostIdleCores =>
        Percentiles.Of([.. CostSteps.Where(step => step.ShopApiIdleCores is not null).Select(step => step.ShopApiIdleCores!.Value)], 50);

    /// <summary>Shop.Api's CPU per request above its CPU at rest, over the cost steps without errors: their median, in milliseconds.</summary>
    public double? CostCpuPerRequestAboveIdleMs =>
        CostMedian(step => step.ShopApiCpuPerRequestAboveIdleMs);

    /// <summary>Shop.Api's CPU per request less its background compiler's, over the cost steps without errors: their median, in milliseconds.</summary>
    public double? CostCpuPerRequestLessCompilerMs =>
        CostMedian(step => step.ShopApiCpuPerRequestLessCompilerMs);

    /// <summary>The median of a figure over the cost steps without errors that have it.</summary>
    private double? CostMedian(Func<StepResult, double?> figure) =>
        Percentiles.Of([.. CostSteps.Where(step => step.Errors == 0).Select(figure).OfType<double>()], 50);

    public BacklogResult? Backlog { get; set; }

    public ScaleResult? Scale { get; set; }

    /// <summary>Services found not running at the end: a crash under load.</summary>
    public IReadOnlyList<string> StoppedServices { get; set; } = [];

    /// <summary>What went wrong, if the run of this setting could not finish.</summary>
    public string? Failure { get; set; }

    public string LogDirectory { get; set; } = "";

    /// <summary>The exceptions the services logged, most frequent first, when any request was answered 5xx.</summary>
    public IReadOnlyList<string> ServerErrorCauses { get; set; } = [];
}
