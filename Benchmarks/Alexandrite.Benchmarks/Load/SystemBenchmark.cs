using System.Globalization;
using Alexandrite.Benchmarks.Hosting;
using Alexandrite.Benchmarks.Report;
using Alexandrite.Benchmarks.Scale;
using Alexandrite.Contracts;

namespace Alexandrite.Benchmarks.Load;

/// <summary>
/// The system mode: for each telemetry setting, the AppHost started afresh and timed, a warm-up, the system left to
/// settle, then each offered rate held and measured. On one setting (0.1, the seeds' sampling, when it is run) the
/// backlog drain and the million-row part follow. Then the cost comparison: rounds in which each setting is started
/// again, warmed and settled for one cost step, the settings' order turned each round. A setting or start that fails
/// is reported and the next one runs.
/// </summary>
internal sealed class SystemBenchmark(BenchmarkOptions options, BenchmarkSummary summary)
{
    private static readonly string[] Services = [ResourceNames.ShopApi, ResourceNames.MesApi, ResourceNames.CrmApi, ResourceNames.ShopWeb];

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
    /// Telemetry's cost on Shop.Api, judged apart from the rates: each round starts the system once per setting (in
    /// the order of the settings turned by one each round, so no setting always follows the same other), warms it up
    /// as the rates are, lets it settle and holds one cost step. The summary judges the median of each setting's steps.
    /// </summary>
    private async Task RunCostRoundsAsync(CancellationToken cancellationToken)
    {
        // The results of the rates, in the settings' order (a setting may be given twice, to see a start's spread).
        var results = summary.Settings.TakeLast(options.Settings.Count).ToList();
        for (var round = 1; round <= options.CostRounds; round++)
        {
            var turn = (round - 1) % options.Settings.Count;
            foreach (var index in Enumerable.Range(0, options.Settings.Count).Select(position => (position + turn) % options.Settings.Count))
            {
                var (setting, result) = (options.Settings[index], results[index]);
                var name = $"telemetry {setting.Name}, cost round {round}";
                try
                {
                    Log($"{name}: starting the AppHost");
                    await using var system = await SystemUnderLoad.StartAsync(
                        setting, Path.Combine(options.ArtifactsPath, "logs", $"cost-{round}-{setting.Name}"), cancellationToken);
                    await using var session = await LoadSession.OpenAsync(system, cancellationToken);
                    await WarmUpAsync(session, name, result, cancellationToken);
                    var idle = await session.MeasureIdleAsync(options.IdleWindow, cancellationToken);
                    var step = await session.RunStepAsync($"cost {Label(options.CostRate)} #{round}", options.CostRate, options.CostStep, options.DrainTimeout, cancellationToken) with
                    {
                        ShopApiIdleCores = idle.Cores(idle.ByResource.GetValueOrDefault(ResourceNames.ShopApi)),
                    };
                    result.CostSteps.Add(step);
                    Log($"{name}: {BenchmarkSummary.StepLine(step)}\n    Shop.Api at rest before: {step.ShopApiIdleCores:0.000} cores; CPU/request above it: {step.ShopApiCpuPerRequestAboveIdleMs:0.00} ms; its compiler: {step.ShopApiCompilerCpu.TotalMilliseconds:0} ms, CPU/request less it: {step.ShopApiCpuPerRequestLessCompilerMs:0.00} ms\n    cores: {step.RequestCpu.Describe()}");
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    result.CostFailures.Add($"round {round}: {exception.GetType().Name}: {exception.Message}");
                    Log($"{name}: FAILED: {exception}");
                }
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
