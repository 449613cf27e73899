using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Alexandrite.LocalRun.Infrastructure;

/// <summary>
/// A private RabbitMQ node in &lt;dataRoot&gt;/rabbitmq with the management plugin, its own epmd, HOME (Erlang
/// cookie), database and logs, so it never meets a system-wide node.
/// </summary>
/// <remarks>
/// Runs /usr/lib/rabbitmq/bin/rabbitmq-server directly: the /usr/sbin wrappers switch to user rabbitmq and
/// redirect logs. Environment variables: https://www.rabbitmq.com/docs/configure#supported-environment-variables.
/// The node name carries the AMQP port, so nodes of parallel test runs differ.
/// </remarks>
public sealed partial class RabbitMqServer : InfrastructureServer
{
    /// <summary>RabbitMQ's default user. loopback_users = none lets it log in over 127.0.0.1 (the default allows that too).</summary>
    public const string UserName = "guest";

    public const string Password = "guest";

    private readonly ILogger _logger;
    private readonly OwnedProcessFile _serverPidFile;
    private readonly OwnedProcessFile _epmdPidFile;
    private BackgroundProcess? _epmd;
    private BackgroundProcess? _server;

    public RabbitMqServer(RabbitMqOptions options, string dataRoot, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataRoot);
        int[] ports = [options.Port, options.ManagementPort, options.DistributionPort, options.EpmdPort];
        if (ports.Distinct().Count() != ports.Length)
        {
            throw new ArgumentException("The AMQP, management, distribution and epmd ports must differ.", nameof(options));
        }

        Options = options;
        DataDirectory = Path.Combine(Path.GetFullPath(dataRoot), "rabbitmq");
        LogFile = Path.Combine(DataDirectory, "rabbitmq.log");
        EpmdLogFile = Path.Combine(DataDirectory, "epmd.log");
        NodeName = $"alexandrite-{options.Port.ToString(CultureInfo.InvariantCulture)}@localhost";
        _serverPidFile = new OwnedProcessFile(Path.Combine(DataDirectory, "rabbitmq-server.pid"), DataDirectory);
        _epmdPidFile = new OwnedProcessFile(Path.Combine(DataDirectory, "epmd.pid"), DataDirectory);
        _logger = logger ?? NullLogger.Instance;
    }

    public override string Name => "rabbitmq";

    public RabbitMqOptions Options { get; }

    /// <summary>&lt;dataRoot&gt;/rabbitmq: configuration, HOME, database (mnesia), logs.</summary>
    public string DataDirectory { get; }

    /// <summary>Console output of the node (startup, crashes); the node's own log is under logs/.</summary>
    public override string LogFile { get; }

    public string EpmdLogFile { get; }

    /// <summary>Erlang node name, for rabbitmqctl -n (with <see cref="GetCliEnvironment"/>).</summary>
    public string NodeName { get; }

    public int Port => Options.Port;

    /// <summary>The connection string in the shape the .NET Aspire RabbitMQ integration gives ("amqp://user:password@host:port").</summary>
    public string ConnectionString => $"amqp://{UserName}:{Password}@127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Management UI and HTTP API (/api/...), user guest/guest.</summary>
    public Uri ManagementUri => new($"http://127.0.0.1:{Options.ManagementPort.ToString(CultureInfo.InvariantCulture)}/");

    private string HomeDirectory => Path.Combine(DataDirectory, "home");

    private string ConfigFile => Path.Combine(DataDirectory, "rabbitmq.conf");

    protected override string DisplayName => "RabbitMQ";

    /// <summary>
    /// The environment shared by the node and the CLI tools (rabbitmqctl, rabbitmq-diagnostics): the CLI finds
    /// the node through the same epmd and authenticates with the cookie in the same HOME.
    /// </summary>
    public IReadOnlyDictionary<string, string?> GetCliEnvironment()
    {
        var portText = Port.ToString(CultureInfo.InvariantCulture);
        return new Dictionary<string, string?>
        {
            ["HOME"] = HomeDirectory,
            ["RABBITMQ_NODENAME"] = NodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = portText,
            ["RABBITMQ_DIST_PORT"] = Options.DistributionPort.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_CONFIG_FILE"] = ConfigFile,
            // Keep the system's /etc/rabbitmq files out: these paths are ours (the two may not exist).
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(DataDirectory, "rabbitmq-env.conf"),
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(DataDirectory, "advanced.config"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(DataDirectory, "enabled_plugins"),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(DataDirectory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(DataDirectory, "logs"),
            ["ERL_EPMD_PORT"] = Options.EpmdPort.ToString(CultureInfo.InvariantCulture),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            // Erlang distribution listens on all interfaces unless told otherwise, for the node and the CLI alike.
            // https://www.erlang.org/doc/apps/kernel/kernel_app.html (inet_dist_use_interface)
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1} -start_epmd false",
            ["RABBITMQ_CTL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
        };
    }

    protected override async Task StartCoreAsync(CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(Options.BinDirectory, "rabbitmq-server")))
        {
            throw new InfrastructureStartException(
                $"RabbitMQ is not installed ({Path.Combine(Options.BinDirectory, "rabbitmq-server")} is missing). Run eng/install-prerequisites.sh.");
        }

        WriteConfiguration();

        // Processes left by a run that was killed before it could stop them.
        await _serverPidFile.EndLeftoverAsync(TimeSpan.FromSeconds(30), _logger, ct).ConfigureAwait(false);
        await _epmdPidFile.EndLeftoverAsync(TimeSpan.FromSeconds(30), _logger, ct).ConfigureAwait(false);

        LoopbackPorts.EnsureFree("RabbitMQ",
            ("AMQP", Port), ("management", Options.ManagementPort), ("Erlang distribution", Options.DistributionPort), ("epmd", Options.EpmdPort));

        var deadline = DateTime.UtcNow + Options.StartTimeout;
        await StartEpmdAsync(ct).ConfigureAwait(false);

        _server = _serverPidFile.StartBackground(
            new ProcessSpec(Path.Combine(Options.BinDirectory, "rabbitmq-server"), []) { Environment = GetCliEnvironment(), WorkingDirectory = DataDirectory },
            LogFile);

        await AwaitStartupAsync(deadline, ct).ConfigureAwait(false);
    }

    private void WriteConfiguration()
    {
        Directory.CreateDirectory(DataDirectory);
        Directory.CreateDirectory(HomeDirectory);
        Directory.CreateDirectory(Path.Combine(DataDirectory, "mnesia"));
        Directory.CreateDirectory(Path.Combine(DataDirectory, "logs"));

        // Rewritten at every start: the ports may change between runs. https://www.rabbitmq.com/docs/configure#config-file
        var port = Port.ToString(CultureInfo.InvariantCulture);
        var managementPort = Options.ManagementPort.ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(ConfigFile, $"""
            # Written by Alexandrite.LocalRun at every start; edits are lost.
            listeners.tcp.1 = 127.0.0.1:{port}
            management.tcp.ip = 127.0.0.1
            management.tcp.port = {managementPort}
            loopback_users = none

            """);
        File.WriteAllText(Path.Combine(DataDirectory, "enabled_plugins"), "[rabbitmq_management].\n");
        File.WriteAllText(Path.Combine(DataDirectory, "rabbitmq-env.conf"), "# Intentionally empty: the environment comes from Alexandrite.LocalRun.\n");
    }

    private async Task StartEpmdAsync(CancellationToken ct)
    {
        // In the foreground (no -daemon) so it stays our child and we know its PID; erl then finds it on
        // ERL_EPMD_PORT instead of spawning a daemon that would outlive the node.
        _epmd = _epmdPidFile.StartBackground(
            new ProcessSpec(Options.EpmdPath, ["-port", Options.EpmdPort.ToString(CultureInfo.InvariantCulture), "-address", "127.0.0.1"])
            {
                WorkingDirectory = DataDirectory,
            },
            EpmdLogFile);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!await LoopbackPorts.IsListeningAsync(Options.EpmdPort, ct).ConfigureAwait(false))
        {
            if (_epmd.HasExited)
            {
                throw InfrastructureStartException.WithLogTail($"epmd exited with code {_epmd.ExitCode}.", EpmdLogFile);
            }

            if (DateTime.UtcNow > deadline)
            {
                throw InfrastructureStartException.WithLogTail($"epmd did not listen on 127.0.0.1:{Options.EpmdPort} within 10 s.", EpmdLogFile);
            }

            await Task.Delay(50, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// `rabbitmqctl await_startup` until it succeeds, the node process exits, or the deadline passes. It fails
    /// at once while the node has not registered with epmd yet, hence the retries.
    /// https://www.rabbitmq.com/docs/man/rabbitmqctl.8#await_startup
    /// </summary>
    private async Task AwaitStartupAsync(DateTime deadline, CancellationToken ct)
    {
        var server = _server!;
        var attempts = 0;
        ProcessResult? last = null;
        while (true)
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw InfrastructureStartException.WithLogTail(
                    $"RabbitMQ node {NodeName} was not ready within {Options.StartTimeout.TotalSeconds:0} s ({attempts} await_startup attempts; last: {last?.Output}).",
                    LogFile);
            }

            using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var seconds = Math.Max(1, (int)remaining.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            var attempt = RunCtlAsync(["-t", seconds, "await_startup"], remaining + TimeSpan.FromSeconds(15), attemptCts.Token);
            attempts++;
            if (await Task.WhenAny(attempt, server.Exited).ConfigureAwait(false) != attempt)
            {
                await attemptCts.CancelAsync().ConfigureAwait(false);
                await Task.WhenAny(attempt).ConfigureAwait(false); // Observe its cancellation.
                throw InfrastructureStartException.WithLogTail($"rabbitmq-server exited with code {server.ExitCode} before the node was ready.", LogFile);
            }

            try
            {
                last = await attempt.ConfigureAwait(false);
            }
            catch (TimeoutException e)
            {
                throw InfrastructureStartException.WithLogTail($"RabbitMQ node {NodeName} was not ready in time: {e.Message}", LogFile, e);
            }

            if (last.Succeeded)
            {
                return;
            }

            await Task.WhenAny(Task.Delay(500, ct), server.Exited).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
        }
    }

    protected override Task StopCoreAsync(CancellationToken ct) => StopCoreAsync(useCli: true, ct);

    protected override Task StopAfterFailedStartAsync() => StopCoreAsync(useCli: false, CancellationToken.None);

    /// <param name="useCli">
    /// rabbitmqctl stop, the documented way; false after a failed start (the node may not answer the CLI):
    /// SIGTERM, which the rabbitmq-server script forwards to the VM for the same orderly shutdown.
    /// </param>
    private async Task StopCoreAsync(bool useCli, CancellationToken ct)
    {
        if (_server is not null)
        {
            if (!_server.HasExited)
            {
                if (useCli)
                {
                    await StopWithCliAsync(ct).ConfigureAwait(false);
                }

                if (!_server.HasExited)
                {
                    await _server.StopAsync(Options.StopTimeout, ct).ConfigureAwait(false);
                }

                LogStopped(_logger, NodeName);
            }

            _server.Dispose();
            _server = null;
            _serverPidFile.Delete();
        }

        if (_epmd is not null)
        {
            await _epmd.StopAsync(TimeSpan.FromSeconds(5), ct).ConfigureAwait(false);
            _epmd.Dispose();
            _epmd = null;
            _epmdPidFile.Delete();
        }
    }

    private async Task StopWithCliAsync(CancellationToken ct)
    {
        try
        {
            var stop = await RunCtlAsync(["stop"], Options.StopTimeout, ct).ConfigureAwait(false);
            if (!stop.Succeeded)
            {
                LogCtlStopFailed(_logger, stop.ExitCode, stop.Output);
                return;
            }
        }
        catch (TimeoutException e)
        {
            LogCtlStopFailed(_logger, -1, e.Message);
            return;
        }

        // rabbitmqctl stop returns when the node has halted; the script around it exits right after.
        await _server!.WaitForExitAsync(Options.StopTimeout, ct).ConfigureAwait(false);
    }

    protected override void ReportReady(long elapsedMs) => LogReady(_logger, Port, ManagementUri, elapsedMs);

    protected override void ReportCleanupFailed(Exception exception) => LogCleanupFailed(_logger, exception);

    private async Task<ProcessResult> RunCtlAsync(IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct)
    {
        var result = await ProcessRunner.RunAsync(
            new ProcessSpec(Path.Combine(Options.BinDirectory, "rabbitmqctl"), ["-n", NodeName, .. arguments])
            {
                Environment = GetCliEnvironment(),
                WorkingDirectory = DataDirectory,
            },
            timeout,
            ct).ConfigureAwait(false);
        LogCtl(_logger, arguments, result.ExitCode, (long)result.Elapsed.TotalMilliseconds);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "RabbitMQ ready on 127.0.0.1:{Port} (management {ManagementUri}) in {ElapsedMs} ms")]
    private static partial void LogReady(ILogger logger, int port, Uri managementUri, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "rabbitmqctl {Arguments}: exit code {ExitCode} after {ElapsedMs} ms")]
    private static partial void LogCtl(ILogger logger, IReadOnlyList<string> arguments, int exitCode, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "RabbitMQ node {NodeName} stopped")]
    private static partial void LogStopped(ILogger logger, string nodeName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "rabbitmqctl stop exited with code {ExitCode}: {Output}; sending SIGTERM if the node does not exit")]
    private static partial void LogCtlStopFailed(ILogger logger, int exitCode, string output);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cleanup after a failed RabbitMQ start failed")]
    private static partial void LogCleanupFailed(ILogger logger, Exception exception);
}
