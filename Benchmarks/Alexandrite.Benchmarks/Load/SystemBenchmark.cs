using System.Globalization;
using Alexandrite.Benchmarks.Hosting;
using Alexandrite.Benchmarks.Report;
using Alexandrite.Benchmarks.Scale;
using Alexandrite.Contracts;

namespace Alexandrite.Benchmarks.Load;

/// <summary>
/// The system mode: for each telemetry setting, the AppHost started afresh and timed, a warm-up, the system left to
/// settle, then each offered rate held and measured. On one setting (0.1, the seeds' sampling, when it is run) the
/// backlog drain and the million-row part follow. Then the cost comparison: rounds in which the system is started
/// again with one Shop.Api instance for each setting, warmed and settled for one cost step. A setting or start that
/// fails is reported and the next one runs.
/// </summary>
internal sealed class SystemBenchmark(BenchmarkOptions options, BenchmarkSummary summary)
{
    private static readonly string[] Services = [ResourceNames.ShopApi, ResourceNames.MesApi, ResourceNames.CrmApi, ResourceNames.ShopWeb];

    /// <summary>The telemetry of the services other than Shop.Api in the cost comparison: the seeds' sampling.</summary>
    private static readonly TelemetrySetting OtherServicesInCost = TelemetrySetting.Sampled(0.1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var scaleSetting = options.Settings.FirstOrDefault(setting => setting.Name == "0.1") ?? options.Settings[^1];
        foreach (var setting in options.Settings)
        {
            var result = new SettingResult(setting.Name);
            summary.Settings.Add(result);
            if (options.Mode == BenchmarkMode.Cost)
            {
                continue;
            }

            try
            {
                await RunSettingAsync(setting, setting == scaleSetting, result, cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                result.Failure = $"{exception.GetType().Name}: {exception.Message}";
                Log($"telemetry {setting.Name}: FAILED: {exception}");
            }

            cancellationToken.ThrowIfCancellationRequested();
        }

        await RunCostRoundsAsync(cancellationToken);
    }

    /// <summary>
    /// Telemetry's cost on Shop.Api, judged apart from the rates, with the settings side by side: each round starts the
    /// system once, with one Shop.Api instance for each setting and the flows taking them in turn, so every setting is
    /// measured over the same seconds, in the same state of the machine. (A start of its own for each setting, as this
    /// comparison was first made, moved one setting's figure by up to a fifth from start to start: far more than the 2%
    /// judged.) Which instance has which setting turns each round; the other services run with telemetry at 0.1. Each
    /// instance's figures (its requests, its CPU, its compiler's) go to its setting's cost steps; the summary judges the
    /// median of each setting's steps.
    /// </summary>
    private async Task RunCostRoundsAsync(CancellationToken cancellationToken)
    {
        var results = summary.Settings.TakeLast(options.Settings.Count).ToList();
        for (var round = 1; round <= options.CostRounds; round++)
        {
            var turn = (round - 1) % options.Settings.Count;
            var order = Enumerable.Range(0, options.Settings.Count).Select(position => (position + turn) % options.Settings.Count).ToList();
            var instances = order.Select(index => options.Settings[index]).ToList();
            var name = $"side by side ({string.Join(", ", instances.Select(setting => setting.Name))}), cost round {round}";
            try
            {
                Log($"{name}: starting the AppHost");
                await using var system = await SystemUnderLoad.StartAsync(
                    OtherServicesInCost, Path.Combine(options.ArtifactsPath, "logs", $"cost-{round}-side-by-side"), cancellationToken, instances);
                await using var session = await LoadSession.OpenAsync(system, cancellationToken);
                await WarmUpAsync(session, name, results[order[0]], cancellationToken);
                var idle = await session.MeasureIdleAsync(options.IdleWindow, cancellationToken);
                var step = await session.RunStepAsync($"cost {Label(options.CostRate)} #{round}", options.CostRate, options.CostStep, options.DrainTimeout, cancellationToken);
                Log($"{name}: {BenchmarkSummary.StepLine(step)}\n    cores: {step.RequestCpu.Describe()}");
                for (var instance = 0; instance < instances.Count; instance++)
                {
                    var mine = step.ForShopApiInstance(instance, idle.Cores(idle.ByResource.GetValueOrDefault(system.ShopApiInstances[instance])));
                    results[order[instance]].CostSteps.Add(mine);
                    Log($"    {system.ShopApiInstances[instance]} ({instances[instance].Name}): {mine.Requests.Count} requests, {mine.Errors} errors, "
                        + $"CPU/request {mine.ShopApiCpuPerRequestMs:0.00} ms; at rest before {mine.ShopApiIdleCores:0.000} cores, above it {mine.ShopApiCpuPerRequestAboveIdleMs:0.00} ms; "
                        + $"its compiler {mine.ShopApiCompilerCpu.TotalMilliseconds:0} ms, less it {mine.ShopApiCpuPerRequestLessCompilerMs:0.00} ms");
                }
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                foreach (var index in order)
                {
                    results[index].CostFailures.Add($"round {round}: {exception.GetType().Name}: {exception.Message}");
                }

                Log($"{name}: FAILED: {exception}");
            }
        }
    }

    private async Task RunSettingAsync(TelemetrySetting setting, bool withScale, SettingResult result, CancellationToken cancellationToken)
    {
        Log($"telemetry {setting.Name}: starting the AppHost");
        result.LogDirectory = Path.Combine(options.ArtifactsPath, "logs", setting.Name);
        await using var system = await SystemUnderLoad.StartAsync(setting, result.LogDirectory, cancellationToken);
        result.StartUpTime = system.StartUpTime;
        result.HealthyAfter = system.HealthyAfter;
        Log($"telemetry {setting.Name}: healthy after {system.StartUpTime.TotalSeconds:0.0} s; processes: "
            + string.Join(", ", system.Processes.Select(process => $"{process.Key} {process.Value}")));
        var atRest = LargestProcesses(system.Processes);
        try
        {
            await using var session = await LoadSession.OpenAsync(system, cancellationToken);
            result.SettledAfterWarmUp = await WarmUpAsync(session, $"telemetry {setting.Name}", result, cancellationToken);
            result.Idle = await session.MeasureIdleAsync(options.IdleWindow, cancellationToken);
            Log($"telemetry {setting.Name}: idle cores: {result.Idle.Describe()}");
            foreach (var rate in options.Rates)
            {
                var step = await session.RunStepAsync(Label(rate), rate, options.Step, options.DrainTimeout, cancellationToken);
                result.Steps.Add(step);
                Log($"telemetry {setting.Name}: {BenchmarkSummary.StepLine(step)}\n    cores: {step.RequestCpu.Describe()}\n    database: {step.Database.Describe()}");
            }

            if (withScale)
            {
                await SettleAsync(session, $"telemetry {setting.Name}", "the rates", cancellationToken);
                Log($"telemetry {setting.Name}: backlog of {options.BacklogOrders} orders");
                result.Backlog = await session.DrainBacklogAsync(options.BacklogOrders, options.DrainTimeout + TimeSpan.FromSeconds(options.BacklogOrders / 2.0), cancellationToken);
                Log($"telemetry {setting.Name}: backlog drained at {result.Backlog.DrainRate:0.0} orders/s ({result.Backlog.Priced}/{result.Backlog.Submitted} in {result.Backlog.DrainTime.TotalSeconds:0.0} s)");
                result.Scale = await RunScaleAsync(session, setting, cancellationToken);
            }
        }
        finally
        {
            result.Memory = atRest.ToDictionary(process => process.Key, process => (process.Value.Resident, ProcFs.Memory(process.Value.Pid).Peak), StringComparer.Ordinal);
            result.StoppedServices = system.StoppedServices();
            if (result.Steps.Any(step => step.Requests.Any(request => request.Status >= 500)) || result.Scale?.ReadStatuses.Keys.Any(status => status >= 500) == true)
            {
                result.ServerErrorCauses = ServerErrorCauses.Find(system.LogDirectory, Services);
            }
        }
    }

    private async Task<ScaleResult> RunScaleAsync(LoadSession session, TelemetrySetting setting, CancellationToken cancellationToken)
    {
        Log($"telemetry {setting.Name}: seeding {options.SeedRows:N0} orders and jobs");
        var seedTime = await MillionRows.SeedAsync(session.ShopDb, session.MesDb, options.SeedRows, cancellationToken);
        Log($"telemetry {setting.Name}: seeded in {seedTime.TotalSeconds:0} s");
        await DiskWrites.FlushAsync(cancellationToken);
        var settled = await SettleAsync(session, $"telemetry {setting.Name}", "seeding", cancellationToken);
        Log($"telemetry {setting.Name}: timing the reads");
        var queries = new ScaleQueries(session.MesApi, session.CrmApi, session.Tokens, session.ShopDbConnectionString, session.ShopDb);
        var recorder = new RequestRecorder();
        var queue = await queries.OperatorQueueAsync(options.QueryRepeats, recorder, cancellationToken);
        var stuck = await queries.StuckListAsync(options.QueryRepeats, recorder, cancellationToken);
        var (watchdog, plans) = await queries.WatchdogAsync(options.QueryRepeats, cancellationToken);
        var plansFile = Path.Combine(options.ArtifactsPath, "watchdog-plans.txt");
        await File.WriteAllLinesAsync(plansFile, plans.SelectMany(plan => new[] { "-- " + plan.Key.ReplaceLineEndings(" "), "" }.Concat(plan.Value).Append("")), cancellationToken);

        Log($"telemetry {setting.Name}: the pipeline again at {options.RateAtScale}/s on top of {options.SeedRows:N0} rows");
        var step = await session.RunStepAsync(Label(options.RateAtScale) + " at scale", options.RateAtScale, options.Step, options.DrainTimeout, cancellationToken);
        Log($"telemetry {setting.Name}: {BenchmarkSummary.StepLine(step)}");
        return new ScaleResult(
            options.SeedRows, seedTime, settled, queue, stuck, watchdog,
            recorder.Samples().GroupBy(sample => sample.Status).ToDictionary(group => group.Key, group => group.Count()),
            plansFile,
            [.. plans.Select(plan => $"{FirstWords(plan.Key)}: {(plan.Value.Count > 0 ? plan.Value[0].Trim() : "")} | {plan.Value.LastOrDefault(line => line.StartsWith("Execution Time", StringComparison.Ordinal))}")],
            step);
    }

    /// <summary>The warm-up every start of the system gets before it is measured, then the wait for it to settle.</summary>
    private async Task<Settling> WarmUpAsync(LoadSession session, string name, SettingResult result, CancellationToken cancellationToken)
    {
        Log($"{name}: warm-up: {await session.WarmUpAsync(options.WarmUpOrders, options.WarmUpRate, options.WarmUpLoad, options.DrainTimeout, cancellationToken)}");
        var compilation = await session.WaitForCompilationAsync(
            options.WarmUpRate, options.CompilationWindow, options.CompilationQuietCpu, options.CompilationTimeout, cancellationToken);
        result.Compilations.Add(compilation);
        Log($"{name}: {compilation.Describe()}");
        return await SettleAsync(session, name, "the warm-up", cancellationToken);
    }

    private async Task<Settling> SettleAsync(LoadSession session, string name, string after, CancellationToken cancellationToken)
    {
        var settled = await session.SettleAsync(options.QuietCores, options.SettleTimeout, cancellationToken);
        Log($"{name}: after {after}, {settled.Describe()}");
        return settled;
    }

    /// <summary>
    /// For each resource, the process whose memory is the resource's, and its resident memory now: the process the
    /// orchestrator started (Postgres's postmaster, s3rver's node), unless that is a wrapper, `dotnet run` (the SDK's
    /// own process, about as large as an idle service) or a start script, whose largest descendant is then taken (the
    /// service, RabbitMQ's beam.smp).
    /// </summary>
    private static Dictionary<string, (int Pid, long Resident)> LargestProcesses(IReadOnlyDictionary<string, int> processes)
    {
        var chosen = new Dictionary<string, (int Pid, long Resident)>(StringComparer.Ordinal);
        foreach (var (resource, root) in processes)
        {
            var tree = ProcFs.Tree(root);
            var candidates = IsWrapper(ProcFs.CommandLine(root)) && tree.Count > 1 ? tree.Skip(1) : [root];
            chosen[resource] = candidates.Select(pid => (Pid: pid, ProcFs.Memory(pid).Resident)).DefaultIfEmpty((Pid: root, Resident: 0L)).MaxBy(entry => entry.Resident);
        }

        return chosen;
    }

    private static bool IsWrapper(string commandLine) =>
        commandLine.StartsWith("dotnet run ", StringComparison.Ordinal)
        || Path.GetFileName(commandLine.Split(' ')[0]) is "bash" or "sh" or "dash" or "setpriv";

    private static string FirstWords(string sql)
    {
        var words = sql.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words.Take(6));
    }

    private static string Label(double rate) => rate.ToString("0.#", CultureInfo.InvariantCulture) + "/s";

    public static void Log(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
