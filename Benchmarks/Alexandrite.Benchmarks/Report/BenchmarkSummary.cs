using System.Globalization;
using System.Text;
using Alexandrite.Contracts;

namespace Alexandrite.Benchmarks.Report;

/// <summary>
/// The one table a run ends with: every figure with the issue's goal next to it and PASS or FAIL, ratios against
/// telemetry off, percentiles; then the details (each step's processes, start-up, memory, the micro benchmarks, the
/// causes of any 500). Also written to &lt;artifacts&gt;/summary.txt.
/// </summary>
internal sealed class BenchmarkSummary(BenchmarkOptions options)
{
    private const string Missing = "—";
    private readonly DateTimeOffset _startedAt = DateTimeOffset.Now;
    private readonly string _loadAtStart = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : Missing;

    public IReadOnlyList<MicroResult> Micro { get; set; } = [];

    public List<SettingResult> Settings { get; } = [];

    public void Print(TextWriter output) => output.Write(Render());

    public async Task WriteAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, Render());
    }

    /// <summary>One line for a step: offered and achieved rate, errors by status, request and pricing percentiles, CPU.</summary>
    public static string StepLine(StepResult step) =>
        Invariant($"{step.Label,-14} achieved {step.AchievedRate,6:0.0}/s  flows {step.FlowsSubmitted}/{step.FlowsOffered}  500: {step.Count(500)}  503: {step.Count(503)}  ")
        + Invariant($"other errors: {step.OtherErrors}  request p50/p95 {Ms(step.RequestPercentile(50))}/{Ms(step.RequestPercentile(95))} ms  ")
        + Invariant($"submit->priced p50/p95 {Ms(step.PricedPercentile(50))}/{Ms(step.PricedPercentile(95))} ms  not priced {step.NotPriced}")
        + Invariant($"{(step.Drained ? "" : " (drain timed out)")}  drained {step.DrainTime.TotalSeconds:0.0} s  recovered {(step.Recovered ? "yes" : "NO")}  ")
        + Invariant($"Shop.Api CPU/request {Ms(step.ShopApiCpuPerRequestMs, "0.00")} ms  system CPU/order {Ms(step.SystemCpuPerOrderMs)} ms  driver late p95 {step.StartLatenessP95Ms:0} ms");

    private string Render()
    {
        var text = new StringBuilder();
        void Line(string line = "") => text.AppendLine(line);
        Line();
        Line(Invariant($"==== Alexandrite benchmark ({(options.Smoke ? "SMOKE: figures mean nothing" : "full run")}), {_startedAt:yyyy-MM-dd HH:mm}, {Environment.ProcessorCount} cores, load average at start {_loadAtStart} ===="));
        Line("Goals from issue 16; PASS/FAIL on this run. Rates are create+upload+submit flows per second, offered open-loop.");
        Line();
        RenderTelemetry(Line);
        RenderPipeline(Line);
        RenderScale(Line);
        RenderStartUp(Line);
        RenderMicro(Line);
        return text.ToString();
    }

    private void RenderTelemetry(Action<string> line)
    {
        if (Settings.Count == 0)
        {
            return;
        }

        var off = Settings.FirstOrDefault(setting => setting.Name == "off");
        line("-- Telemetry: Shop.Api CPU per request, throughput, request p95 (by offered rate) --");
        line(Invariant($"{"",-34}{string.Concat(Settings.Select(setting => $"{setting.Name,12}"))}   goal"));

        // The CPU goals are judged on the cost steps: CostRounds starts, the settings side by side in each, the medians compared.
        line(Row(Invariant($"CPU/request ms, cost (median)"), setting => Ms(setting.CostCpuPerRequestMs, "0.000")));
        if (off is not null)
        {
            line(Row(Invariant($"  ratio to off, {options.CostStep.TotalSeconds:0} s at {RateLabel(options.CostRate)}"), setting => CostRatio(setting, off)) + RatioGoals(off));
            line(Row("  ratio each round, min-max", setting => RoundRatios(setting, off)));
        }

        line(Row("Shop.Api cores at rest (median)", setting => Num(setting.CostIdleCores, "0.000")));
        UnjudgedFigure("CPU/request ms above rest (median)", setting => setting.CostCpuPerRequestAboveIdleMs);
        UnjudgedFigure("CPU/request ms less compiling (median)", setting => setting.CostCpuPerRequestLessCompilerMs);

        line(Row("  rounds measured (with errors)", setting => $"{setting.CostSteps.Count} ({setting.CostSteps.Count(step => step.Errors > 0)})"));
        foreach (var rate in options.Mode == BenchmarkMode.Cost ? [] : options.Rates)
        {
            var label = RateLabel(rate);
            line(Row($"CPU/request ms @ {label}", setting => Ms(Step(setting, label)?.ShopApiCpuPerRequestMs, "0.000")));
            if (off is not null)
            {
                line(Row($"  ratio to off @ {label}", setting => Ratio(Step(setting, label), Step(off, label))));
            }

            line(Row($"achieved orders/s @ {label}", setting => Num(Step(setting, label)?.AchievedRate, "0.0")));
            line(Row($"request p95 ms @ {label}", setting => Ms(Step(setting, label)?.RequestPercentile(95))));
            line(Row($"errors (500/503/other) @ {label}", setting => Step(setting, label) is { } step ? $"{step.Count(500)}/{step.Count(503)}/{step.OtherErrors}" : Missing));
        }

        line("");

        // A figure of the cost steps shown beside the judged one, with its ratio to off.
        void UnjudgedFigure(string label, Func<SettingResult, double?> figure)
        {
            line(Row(label, setting => Ms(figure(setting), "0.000")));
            if (off is not null)
            {
                line(Row("  ratio to off (not judged)", setting => Ratio(figure(setting), figure(off))));
            }
        }
    }

    /// <summary>Shop.Api's CPU per request at sampling 0.1 and 1.0 against telemetry off, medians of the cost steps, each with its goal.</summary>
    private string RatioGoals(SettingResult off)
    {
        string Judge(string name, double goal) =>
            Settings.FirstOrDefault(setting => setting.Name == name) is { } setting && CostRatioOf(setting, off) is { } ratio
                ? Invariant($"{name} <= {goal:0.00}x {Verdict(ratio <= goal)}")
                : Invariant($"{name} <= {goal:0.00}x {Missing}");
        return $"   {Judge("0.1", Goals.CpuRatioAtTenPercent)}; {Judge("1.0", Goals.CpuRatioAtFull)}";
    }

    private static string CostRatio(SettingResult setting, SettingResult off) =>
        CostRatioOf(setting, off) is { } ratio ? Invariant($"{ratio:0.000}x") : Missing;

    /// <summary>The setting's median CPU per request over off's, from the cost comparison.</summary>
    private static double? CostRatioOf(SettingResult setting, SettingResult off) =>
        setting.CostCpuPerRequestMs is { } value && off.CostCpuPerRequestMs is { } reference && reference > 0 ? value / reference : null;

    /// <summary>The spread of the ratio to off round by round (each setting's step against off's step of the same round).</summary>
    private static string RoundRatios(SettingResult setting, SettingResult off)
    {
        var ratios = setting.CostSteps
            .Select(step => (step, baseline: off.CostSteps.FirstOrDefault(other => other.Label == step.Label)))
            .Where(pair => pair.step.ShopApiCpuPerRequestMs is not null && pair.baseline?.ShopApiCpuPerRequestMs is > 0)
            .Select(pair => pair.step.ShopApiCpuPerRequestMs!.Value / pair.baseline!.ShopApiCpuPerRequestMs!.Value)
            .ToList();
        return ratios.Count == 0 ? Missing : Invariant($"{ratios.Min():0.00}-{ratios.Max():0.00}");
    }

    private void RenderPipeline(Action<string> line)
    {
        foreach (var setting in Settings)
        {
            line($"-- Pipeline, telemetry {setting.Name} --");
            if (setting.Failure is not null)
            {
                line($"FAILED: {setting.Failure} (logs: {setting.LogDirectory})");
            }

            if (setting.SettledAfterWarmUp is { } settled)
            {
                line($"after the warm-up: {settled.Describe()}");
            }

            if (setting.Compilations.Count > 0)
            {
                line($"warm-up, each start: {string.Join("; ", setting.Compilations.Select(compilation => compilation.Describe()))}");
            }

            if (setting.Idle is { } idle)
            {
                line($"idle, no load (cores): {idle.Describe()}");
            }

            foreach (var step in setting.Steps)
            {
                line(StepLine(step));
                line($"    busiest (cores) while requests ran: {step.RequestCpu.Describe()}");
                line($"    database: {step.Database.Describe()}");
                foreach (var (status, examples) in step.ErrorExamples)
                {
                    line(Invariant($"    status {status}: {string.Join(" | ", examples.Select(example => example.ReplaceLineEndings(" ")))}"));
                }
            }

            foreach (var cost in setting.CostSteps)
            {
                line(StepLine(cost));
                line($"    busiest (cores) while requests ran: {cost.RequestCpu.Describe()}");
            }

            foreach (var failure in setting.CostFailures)
            {
                line($"COST START FAILED: {failure}");
            }

            if (setting.StoppedServices.Count > 0)
            {
                line($"    NOT RUNNING at the end: {string.Join(", ", setting.StoppedServices)}");
            }

            foreach (var cause in setting.ServerErrorCauses)
            {
                line($"    exceptions in the services' logs (behind the 5xx): {cause}");
            }

            if (setting.Backlog is { } backlog)
            {
                line(Invariant($"Backlog of {backlog.Orders}: {backlog.Submitted} submitted ({backlog.SubmitErrors} errors) while Mes.Api's consumer was paused, ")
                    + Invariant($"{backlog.Priced} priced {backlog.DrainTime.TotalSeconds:0.0} s after resuming: drain rate {backlog.DrainRate:0.0} orders/s"));
                line($"    busiest (cores) while draining: {backlog.Cpu.Describe()}");
            }

            line("");
        }

        var judged = Settings.FirstOrDefault(setting => setting.Name == "0.1" && setting.Steps.Count > 0) ?? Settings.LastOrDefault(setting => setting.Steps.Count > 0);
        if (judged is null)
        {
            return;
        }

        var sustained = judged.Steps.Where(step => step.Sustained && !step.Label.Contains("scale", StringComparison.Ordinal)).Select(step => step.OfferedRate).DefaultIfEmpty(0).Max();
        line($"-- Goals on the pipeline (telemetry {judged.Name}) --");
        line(Invariant($"sustained rate (0 errors, all priced, submit->priced p95 < 1 s): {sustained:0.#}/s   goal >= {Goals.SustainedRate}/s {Verdict(sustained >= Goals.SustainedRate)}; at least {Goals.MinimumSustainedRate}/s {Verdict(sustained >= Goals.MinimumSustainedRate)}"));
        if (Step(judged, Invariant($"{Goals.SustainedRate:0.#}/s")) is { } atGoal)
        {
            line(Invariant($"submit->priced p95 at {Goals.SustainedRate}/s: {Ms(atGoal.PricedPercentile(95))} ms   goal < {Goals.SubmitToPricedP95Ms} ms {Verdict(atGoal.PricedPercentile(95) < Goals.SubmitToPricedP95Ms && atGoal.NotPriced == 0)}"));
            if (atGoal.SystemCpuPerOrderMs is { } perOrder)
            {
                line(Invariant($"CPU per order across the system's processes at {Goals.SustainedRate}/s: {perOrder:0.0} ms (issue: about 45 ms before)"));
            }
        }

        if (Step(judged, Invariant($"{2 * Goals.SustainedRate:0.#}/s")) is { } overload)
        {
            line(Invariant($"at {2 * Goals.SustainedRate}/s offered: {overload.Count(500)} answers 500 (goal 0 {Verdict(overload.Count(500) == 0)}), {overload.Count(503)} answers 503; ")
                + Invariant($"recovered by itself {Verdict(overload.Recovered && overload.Drained)}"));
        }

        line("");
    }

    private void RenderScale(Action<string> line)
    {
        if (Settings.Select(setting => setting.Scale).FirstOrDefault(scale => scale is not null) is not { } scale)
        {
            return;
        }

        line(Invariant($"-- At {scale.Rows:N0} orders and jobs (seeded in {scale.SeedTime.TotalSeconds:0} s; then {scale.Settled.Describe()}) --"));
        line(Invariant($"operator queue (Mes.Api, pages 1 and 2) p50/p95: {Ms(Percentiles.Of([.. scale.OperatorQueueMs], 50))}/{Ms(Percentiles.Of([.. scale.OperatorQueueMs], 95))} ms   goal p95 < {Goals.ReadP95Ms} ms {Verdict(Percentiles.Of([.. scale.OperatorQueueMs], 95) < Goals.ReadP95Ms)}"));
        line(Invariant($"stuck list (Crm.Api, pages 1 and 2) p50/p95: {Ms(Percentiles.Of([.. scale.StuckListMs], 50))}/{Ms(Percentiles.Of([.. scale.StuckListMs], 95))} ms   goal p95 < {Goals.ReadP95Ms} ms {Verdict(Percentiles.Of([.. scale.StuckListMs], 95) < Goals.ReadP95Ms)}"));
        line(Invariant($"watchdog check (its own queries: open-order count + breaches) p50/p95: {Ms(Percentiles.Of([.. scale.WatchdogCheckMs], 50))}/{Ms(Percentiles.Of([.. scale.WatchdogCheckMs], 95))} ms   goal < {Goals.WatchdogCheckMs} ms {Verdict(Percentiles.Of([.. scale.WatchdogCheckMs], 95) < Goals.WatchdogCheckMs)}"));
        line($"read answers by status: {string.Join(", ", scale.ReadStatuses.Select(status => $"{status.Key}: {status.Value}"))}");
        foreach (var plan in scale.PlanSummaries)
        {
            line($"    plan: {plan}");
        }

        line($"    full plans: {scale.PlansFile}");
        if (scale.StepAtScale is { } step)
        {
            line(StepLine(step));
        }

        line("");
    }

    private void RenderStartUp(Action<string> line)
    {
        // The cost comparison alone (mode cost) measures neither start-up nor memory.
        if (Settings.Count == 0 || options.Mode == BenchmarkMode.Cost)
        {
            return;
        }

        line("-- Start-up (AppHost start to all healthy) and resident memory (MiB at rest / peak) per process --");
        foreach (var setting in Settings)
        {
            var services = new[] { ResourceNames.ShopApi, ResourceNames.MesApi, ResourceNames.CrmApi, ResourceNames.ShopWeb };
            if (setting.StartUpTime == TimeSpan.Zero)
            {
                line($"telemetry {setting.Name,-4} did not start: {setting.Failure}");
                continue;
            }

            line(Invariant($"telemetry {setting.Name,-4} all healthy after {setting.StartUpTime.TotalSeconds:0.0} s; services healthy at: ")
                + string.Join(", ", services.Select(service => Invariant($"{service} {(setting.HealthyAfter.TryGetValue(service, out var at) ? Ms(at.TotalSeconds, "0.0") + " s" : Missing)}"))));
            line("    memory: " + string.Join(", ", setting.Memory.OrderBy(process => Array.IndexOf(services, process.Key) is var index && index < 0 ? int.MaxValue : index)
                .Select(process => Invariant($"{process.Key} {process.Value.AtRest / 1048576.0:0}/{process.Value.Peak / 1048576.0:0}"))));
        }

        line("");
    }

    private void RenderMicro(Action<string> line)
    {
        if (Micro.Count == 0)
        {
            return;
        }

        line("-- Micro benchmarks (BenchmarkDotNet, in process; mean per operation, allocated per operation) --");
        foreach (var result in Micro)
        {
            line(Invariant($"{result.Name,-74} {(result.MeanNanoseconds is { } mean ? $"{mean,12:N1} ns" : Missing),15} {(result.AllocatedBytes is { } bytes ? $"{bytes,8} B" : Missing),11}"));
        }

        line("");
    }

    private string Row(string label, Func<SettingResult, string> value) =>
        Invariant($"{label,-34}{string.Concat(Settings.Select(setting => $"{value(setting),12}"))}");

    private static string RateLabel(double rate) => Invariant($"{rate:0.#}/s");

    private static StepResult? Step(SettingResult setting, string label) => setting.Steps.FirstOrDefault(step => step.Label == label);

    private static string Ratio(StepResult? step, StepResult? baseline) => Ratio(step?.ShopApiCpuPerRequestMs, baseline?.ShopApiCpuPerRequestMs);

    private static string Ratio(double? value, double? reference) =>
        value is { } number && reference is > 0 ? Invariant($"{number / reference.Value:0.00}x") : Missing;

    private static string Verdict(bool passed) => passed ? "PASS" : "FAIL";

    private static string Ms(double? value, string format = "0") => Num(value, format);

    private static string Num(double? value, string format) => value is { } number ? number.ToString(format, CultureInfo.InvariantCulture) : Missing;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
