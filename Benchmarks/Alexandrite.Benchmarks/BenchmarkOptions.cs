using System.Globalization;
using Alexandrite.Benchmarks.Load;

namespace Alexandrite.Benchmarks;

/// <summary>
/// What to run and how long, from the command line: a mode (micro, system, all) and options, e.g.
/// <c>system --rates 20,30,40,80 --step 00:00:25 --settings off,0.1,1.0 --backlog 1000 --rows 1000000</c>.
/// <c>--smoke</c> shrinks everything to a run of a few minutes that still goes through every part.
/// </summary>
internal sealed class BenchmarkOptions
{
    public BenchmarkMode Mode { get; set; } = BenchmarkMode.All;

    public bool Smoke { get; set; }

    /// <summary>Offered order rates (create + upload + submit flows per second), each held for <see cref="Step"/>.</summary>
    public IReadOnlyList<double> Rates { get; set; } = [20, 30, 40, 80];

    /// <summary>How long each offered rate is held.</summary>
    public TimeSpan Step { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>How long the orders of a step may take to be priced once its requests are done; later ones count as not priced.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Orders created sequentially before the first step, so the first step does not pay for JIT and pools.</summary>
    public int WarmUpOrders { get; set; } = 30;

    /// <summary>
    /// Then a load held at <see cref="WarmUpRate"/> for this long, and priced: the runtime recompiles hot methods
    /// (tiered compilation) only once they run many times, which sequential orders never make them do; without it
    /// the first step measured that compilation (twice the CPU per order of the next one; after 15 s at 20/s, still
    /// a p95 from submit to priced ten times that of the same rate run again).
    /// </summary>
    public TimeSpan WarmUpLoad { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The offered rate the warm-up load ramps to (half of it at half this rate).</summary>
    public double WarmUpRate { get; set; } = 30;

    /// <summary>
    /// After the warm-up, its load goes on in windows of <see cref="CompilationWindow"/> until the runtime's background
    /// compiler spends less than <see cref="CompilationQuietCpu"/> in one, over all the system's processes, for at most
    /// <see cref="CompilationTimeout"/>: what is measured after is the code as it runs for good, not its compilation.
    /// </summary>
    public TimeSpan CompilationWindow { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan CompilationQuietCpu { get; set; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan CompilationTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Below this many cores for the system's processes together (a few seconds' window), the system counts as settled:
    /// at rest they use about 0.2 (the services 0.01-0.03 each, the dashboard, the infrastructure).
    /// </summary>
    public double QuietCores { get; set; } = 0.4;

    /// <summary>The longest the benchmark waits for the system to settle after the warm-up and after seeding.</summary>
    public TimeSpan SettleTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// How many times the system is started for the cost comparison (the goal on Shop.Api's CPU per request: 0.1 within
    /// 2% of off, 1.0 within 5%), each time with one Shop.Api instance for each telemetry setting side by side, which
    /// instance has which setting turned each round; the median of the rounds is judged.
    /// </summary>
    public int CostRounds { get; set; } = 3;

    /// <summary>
    /// The offered rate of each cost step, shared by the Shop.Api instances (10 orders/s each for three settings), held
    /// for <see cref="CostStep"/> on the warmed, settled system: a rate the machine carries without queueing (when the
    /// cores are saturated requests overlap, which makes each cheaper and would flatter the setting that costs most).
    /// </summary>
    public double CostRate { get; set; } = 30;

    public TimeSpan CostStep { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>How long the system is left without load, after the warm-up, to measure what each process spends idle.</summary>
    public TimeSpan IdleWindow { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The telemetry settings to compare; the system is started once for each.</summary>
    public IReadOnlyList<TelemetrySetting> Settings { get; set; } = TelemetrySetting.All;

    /// <summary>Orders submitted while Mes.Api's consumer is paused, then timed until all are priced.</summary>
    public int BacklogOrders { get; set; } = 1000;

    /// <summary>Orders seeded into the Shop DB, and jobs into the MES DB, for the queries at scale.</summary>
    public int SeedRows { get; set; } = 1_000_000;

    /// <summary>How often each query at scale is repeated for its percentiles.</summary>
    public int QueryRepeats { get; set; } = 100;

    /// <summary>The offered rate run again once the million rows are in, to see whether the pipeline slows down.</summary>
    public double RateAtScale { get; set; } = 40;

    /// <summary>Where BenchmarkDotNet's reports, the services' logs, the query plans and the summary go.</summary>
    public string ArtifactsPath { get; set; } = Path.GetFullPath(Path.Combine(".local", "benchmarks"));

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions();
        var rest = args.ToList();
        if (rest.Count > 0 && !rest[0].StartsWith("--", StringComparison.Ordinal))
        {
            options.Mode = Enum.Parse<BenchmarkMode>(rest[0], ignoreCase: true);
            rest.RemoveAt(0);
        }

        if (rest.Remove("--smoke"))
        {
            options.ApplySmoke();
        }

        for (var i = 0; i < rest.Count; i += 2)
        {
            var value = i + 1 < rest.Count ? rest[i + 1] : throw new ArgumentException($"{rest[i]} needs a value.");
            switch (rest[i])
            {
                case "--rates":
                    options.Rates = [.. value.Split(',').Select(rate => double.Parse(rate, CultureInfo.InvariantCulture))];
                    break;
                case "--step":
                    options.Step = TimeSpan.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--drain-timeout":
                    options.DrainTimeout = TimeSpan.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--settings":
                    options.Settings = [.. value.Split(',').Select(TelemetrySetting.Parse)];
                    break;
                case "--backlog":
                    options.BacklogOrders = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--rows":
                    options.SeedRows = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--repeats":
                    options.QueryRepeats = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--cost-rounds":
                    options.CostRounds = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--cost-rate":
                    options.CostRate = double.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--cost-step":
                    options.CostStep = TimeSpan.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--compilation-quiet-ms":
                    // 0: never quiet, so every start runs the warm-up's load for the whole of the compilation timeout.
                    options.CompilationQuietCpu = TimeSpan.FromMilliseconds(int.Parse(value, CultureInfo.InvariantCulture));
                    break;
                case "--compilation-timeout":
                    options.CompilationTimeout = TimeSpan.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--rate-at-scale":
                    options.RateAtScale = double.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--artifacts":
                    options.ArtifactsPath = Path.GetFullPath(value);
                    break;
                default:
                    throw new ArgumentException($"Unknown option {rest[i]}. Usage: [micro|system|cost|all] [--smoke] [--rates 20,30,40,80] [--step 00:00:25] "
                        + "[--drain-timeout 00:01:30] [--settings off,0.1,1.0] [--backlog 1000] [--rows 1000000] [--repeats 100] [--cost-rounds 3] [--cost-rate 30] [--cost-step 00:00:45] [--compilation-quiet-ms 50] [--compilation-timeout 00:03:00] [--rate-at-scale 40] [--artifacts DIR]");
            }
        }

        return options;
    }

    /// <summary>A few minutes in all (most of it starting the system six times), every part still run.</summary>
    private void ApplySmoke()
    {
        Smoke = true;
        Rates = [5, 10];
        Step = TimeSpan.FromSeconds(5);
        DrainTimeout = TimeSpan.FromSeconds(30);
        WarmUpOrders = 5;
        WarmUpLoad = TimeSpan.FromSeconds(3);
        WarmUpRate = 5;
        CompilationWindow = TimeSpan.FromSeconds(3);
        CompilationTimeout = TimeSpan.FromSeconds(6);
        IdleWindow = TimeSpan.FromSeconds(3);
        SettleTimeout = TimeSpan.FromSeconds(10);
        CostRounds = 1;
        CostRate = 5;
        CostStep = TimeSpan.FromSeconds(5);
        BacklogOrders = 50;
        SeedRows = 20_000;
        QueryRepeats = 10;
        RateAtScale = 5;
    }
}
