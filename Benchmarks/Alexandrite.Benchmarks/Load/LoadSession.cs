using System.Diagnostics;
using Alexandrite.Benchmarks.Hosting;
using Alexandrite.Benchmarks.Report;
using Alexandrite.Contracts;
using Npgsql;

namespace Alexandrite.Benchmarks.Load;

/// <summary>
/// The clients of one running system: Shop.Api, Mes.Api and Crm.Api over HTTP (the customer's, the operator's and
/// support's access tokens), the Shop and MES databases, and the CPU meter over its processes. Runs the steps.
/// </summary>
internal sealed class LoadSession : IAsyncDisposable
{
    /// <summary>Orders placed one by one after a step: all must go through for the system to count as recovered.</summary>
    private const int RecoveryOrders = 3;

    /// <summary>The window <see cref="SettleAsync"/> measures the system's CPU over.</summary>
    private static readonly TimeSpan SettleWindow = TimeSpan.FromSeconds(3);

    /// <summary>The share of a warm-up's submitted orders that must be priced for the setting to be measured.</summary>
    private const double MinimumWarmUpPriced = 0.95;

    /// <summary>Flows submitting a backlog at once: fast, without being a load test of their own.</summary>
    private const int BacklogConcurrency = 8;

    private LoadSession(SystemUnderLoad system, string shopDbConnectionString, string mesDbConnectionString)
    {
        System = system;
        Tokens = new AccessTokenSource(system.Secrets.SigningKey);
        ShopApis = [.. system.ShopApiInstances.Select(instance => Client(system.ServiceUri(instance)))];
        MesApi = Client(system.ServiceUri(ResourceNames.MesApi));
        CrmApi = Client(system.ServiceUri(ResourceNames.CrmApi));
        ShopDbConnectionString = shopDbConnectionString;
        ShopDb = NpgsqlDataSource.Create(shopDbConnectionString);
        MesDb = NpgsqlDataSource.Create(mesDbConnectionString);
        Flows = new OrderFlows(ShopApis, Tokens);
        History = new PricingHistory(ShopDb);
        Cpu = new CpuMeter(system.Processes, system.OrchestratorProcess);
    }

    public SystemUnderLoad System { get; }

    public AccessTokenSource Tokens { get; }

    /// <summary>Shop.Api's instances, in the order of <see cref="SystemUnderLoad.ShopApiInstances"/>.</summary>
    public IReadOnlyList<HttpClient> ShopApis { get; }

    public HttpClient MesApi { get; }

    public HttpClient CrmApi { get; }

    public string ShopDbConnectionString { get; }

    public NpgsqlDataSource ShopDb { get; }

    public NpgsqlDataSource MesDb { get; }

    public OrderFlows Flows { get; }

    public PricingHistory History { get; }

    public CpuMeter Cpu { get; }

    public static async Task<LoadSession> OpenAsync(SystemUnderLoad system, CancellationToken cancellationToken) =>
        new(system,
            await system.ConnectionStringAsync(ResourceNames.ShopDatabase, cancellationToken),
            await system.ConnectionStringAsync(ResourceNames.MesDatabase, cancellationToken));

    /// <summary>
    /// Orders one by one (each must go through), then a load ramped to <paramref name="rate"/> over <paramref name="load"/>
    /// (half of it at half the rate), all submitted orders waited for until priced: the services' code paths are
    /// compiled, recompiled once hot, and their pools filled. A cold system may refuse some of the load (the runtime
    /// compiles while it serves): those flows are reported, in what this returns, and the steps are measured after.
    /// </summary>
    public async Task<string> WarmUpAsync(int orders, double rate, TimeSpan load, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var recorder = new RequestRecorder();
        var submitted = new List<Guid>();
        for (var i = 0; i < orders; i++)
        {
            if (await Flows.RunAsync(recorder, cancellationToken) is { Submitted: true } flow)
            {
                submitted.Add(flow.OrderId);
            }
        }

        string Errors() => string.Join("; ", recorder.ErrorExamples().SelectMany(pair => pair.Value.Select(example => $"{pair.Key} {example}")));
        if (submitted.Count < orders)
        {
            throw new InvalidOperationException($"Warming up: {submitted.Count} of {orders} orders placed one by one were submitted. {Errors()}");
        }

        var flows = orders;
        foreach (var share in new[] { 0.5, 1.0 })
        {
            var run = await OpenLoopDriver.RunAsync(Flows, rate * share, load / 2, recorder, cancellationToken);
            flows += run.Outcomes.Count;
            submitted.AddRange(run.Outcomes.Where(flow => flow.Submitted).Select(flow => flow.OrderId));
        }

        var refused = submitted.Count < flows ? $"; refused: {Errors()}" : "";
        if (!await History.WaitForPricedAsync(submitted, timeout, cancellationToken))
        {
            // A few orders left behind do not spoil a warm-up (the storage of the process mode can lose a model while a
            // cold machine is saturated; Mes.Api then reports it on the job and retries): they are reported, and only
            // a warm-up that mostly failed stops the setting.
            var priced = await History.CountPricedAsync(submitted, cancellationToken);
            var notPriced = $"{submitted.Count - priced} of the {submitted.Count} submitted orders not priced within {timeout}";
            return priced >= MinimumWarmUpPriced * submitted.Count
                ? $"{priced} of {flows} flows submitted and priced; NOT PRICED: {notPriced} (see the mes-api log){refused}"
                : throw new InvalidOperationException($"Warming up: {notPriced}. {Errors()}");
        }

        return $"{submitted.Count} of {flows} flows submitted and priced{refused}";
    }

    /// <summary>
    /// Keeps the warm-up's load on, window after window, until the runtime's background compiler has spent less than
    /// <paramref name="quietCpu"/> in a window over all the system's processes, or <paramref name="timeout"/> has passed.
    /// Tiered compilation compiles each method again, optimized, once it has been called often enough (and, with dynamic
    /// PGO, once more after profiling it), on a thread of its own (".NET Tiered Compilation Worker"). What only some
    /// requests run, a sampled trace's export at 10%, gets there ten times later than what all run: measured after a
    /// fixed warm-up, sampling 0.1 still spent a tenth of Shop.Api's CPU compiling, which the cost comparison took for
    /// telemetry's cost per request (README "Performance").
    /// </summary>
    public async Task<Compilation> WaitForCompilationAsync(double rate, TimeSpan window, TimeSpan quietCpu, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var recorder = new RequestRecorder();
        while (true)
        {
            var compiler = new CompilerCpu(System.Processes.Values.SelectMany(ProcFs.Tree));
            var load = OpenLoopDriver.RunAsync(Flows, rate, window, recorder, cancellationToken);
            await compiler.FollowAsync(load, cancellationToken);
            await load;
            var compilation = new Compilation(clock.Elapsed, compiler.Spent, window, quietCpu);
            if (compilation.Quiet || clock.Elapsed >= timeout)
            {
                return compilation;
            }
        }
    }

    /// <summary>
    /// The CPU each process spends with no load at all (pollers, health checks, metrics): what every figure per request
    /// or per order carries on top of the work itself, the more so the lower the rate.
    /// </summary>
    public async Task<CpuUsage> MeasureIdleAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        var start = Cpu.Take();
        await Task.Delay(duration, cancellationToken);
        return Cpu.Take().Since(start);
    }

    /// <summary>
    /// Waits, up to <paramref name="timeout"/>, until the system's processes together use less than
    /// <paramref name="quietCores"/> over a few seconds: what a burst left behind (the runtime recompiling hot code after
    /// a warm-up, the watchdog reporting and the auto-close closing a million seeded orders' stuck ones) is done before
    /// the next figure is measured.
    /// </summary>
    public async Task<Settling> SettleAsync(double quietCores, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var start = Cpu.Take();
            await Task.Delay(SettleWindow, cancellationToken);
            var window = Cpu.Take().Since(start);
            var cores = window.Cores(window.SystemSeconds);
            if (cores < quietCores || clock.Elapsed >= timeout)
            {
                return new Settling(clock.Elapsed, cores, quietCores);
            }
        }
    }

    /// <summary>Offers <paramref name="rate"/> flows a second for <paramref name="duration"/>, then waits for their orders to be priced.</summary>
    public async Task<StepResult> RunStepAsync(string label, double rate, TimeSpan duration, TimeSpan drainTimeout, CancellationToken cancellationToken)
    {
        var recorder = new RequestRecorder();
        var shopApiCompilers = System.ShopApiInstances.ToDictionary(
            instance => instance, instance => new CompilerCpu(ProcFs.Tree(System.Processes[instance])), StringComparer.Ordinal);
        var start = Cpu.Take();
        var running = OpenLoopDriver.RunAsync(Flows, rate, duration, recorder, cancellationToken);
        var following = Task.WhenAll(shopApiCompilers.Values.Select(compiler => compiler.FollowAsync(running, cancellationToken)));
        var database = await new DatabaseActivity(ShopDb).SampleUntilAsync(running, cancellationToken);
        var run = await running;
        await following;
        var requestsDone = Cpu.Take();
        var submitted = run.Outcomes.Where(flow => flow.Submitted).Select(flow => flow.OrderId).ToList();
        var drainClock = Stopwatch.StartNew();
        var drained = await History.WaitForPricedAsync(submitted, drainTimeout, cancellationToken);
        var drainTime = drainClock.Elapsed;
        var pricedDone = Cpu.Take();
        return new StepResult
        {
            Label = label,
            OfferedRate = rate,
            FlowsOffered = run.Outcomes.Count,
            FlowsSubmitted = submitted.Count,
            RequestWindow = run.Elapsed,
            Requests = recorder.Samples(),
            ErrorExamples = recorder.ErrorExamples(),
            StartLatenessP95Ms = Percentiles.Of([.. run.StartLatenessMs], 95) ?? 0,
            RequestCpu = requestsDone.Since(start),
            ShopApiInstances = System.ShopApiInstances,
            ShopApiInstanceCompilerCpu = shopApiCompilers.ToDictionary(compiler => compiler.Key, compiler => compiler.Value.Spent, StringComparer.Ordinal),
            Database = database,
            PipelineCpu = pricedDone.Since(start),
            SubmitToPricedMs = await History.SubmitToPricedAsync(submitted, cancellationToken),
            Drained = drained,
            DrainTime = drainTime,
            Recovered = await RecoveredAsync(drainTimeout, cancellationToken),
        };
    }

    /// <summary>
    /// A backlog as a Mes.Api outage leaves it: its consumer paused with the AppHost's own dashboard command ("Stop
    /// taking orders"), <paramref name="orders"/> orders submitted, the consumer resumed, and the time from the
    /// resumption (the database's clock) to the last order priced.
    /// </summary>
    public async Task<BacklogResult> DrainBacklogAsync(int orders, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await System.RunCommandAsync(ResourceNames.MesApi, "pause-consumer", cancellationToken);
        var recorder = new RequestRecorder();
        var submitted = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        await Parallel.ForAsync(0, orders, new ParallelOptions { MaxDegreeOfParallelism = BacklogConcurrency, CancellationToken = cancellationToken }, async (_, token) =>
        {
            if (await Flows.RunAsync(recorder, token) is { Submitted: true } flow)
            {
                submitted.Add(flow.OrderId);
            }
        });

        var ids = submitted.ToList();
        var start = Cpu.Take();
        var resumedAt = await History.NowAsync(cancellationToken);
        await System.RunCommandAsync(ResourceNames.MesApi, "resume-consumer", cancellationToken);
        await History.WaitForPricedAsync(ids, timeout, cancellationToken);
        var cpu = Cpu.Take().Since(start);
        var last = await History.LastPricedAtAsync(ids, cancellationToken);
        return new BacklogResult(
            orders, ids.Count, recorder.Samples().Count(sample => !sample.Succeeded), await History.CountPricedAsync(ids, cancellationToken),
            last is { } at ? at - resumedAt : TimeSpan.Zero, cpu);
    }

    private async Task<bool> RecoveredAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var recorder = new RequestRecorder();
        var submitted = new List<Guid>();
        for (var i = 0; i < RecoveryOrders; i++)
        {
            if (await Flows.RunAsync(recorder, cancellationToken) is { Submitted: true } flow)
            {
                submitted.Add(flow.OrderId);
            }
        }

        return submitted.Count == RecoveryOrders && await History.WaitForPricedAsync(submitted, timeout, cancellationToken);
    }

    private static HttpClient Client(Uri baseAddress) => new(new SocketsHttpHandler
    {
        // Enough connections for every flow in flight at the highest rate; a slow system then faces them all, as it would customers.
        MaxConnectionsPerServer = 2048,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var shopApi in ShopApis)
        {
            shopApi.Dispose();
        }

        MesApi.Dispose();
        CrmApi.Dispose();
        await ShopDb.DisposeAsync();
        await MesDb.DisposeAsync();
    }
}
