using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Alexandrite.LocalRun.Infrastructure;

/// <summary>
/// A private PostgreSQL cluster in &lt;dataRoot&gt;/postgres, started with pg_ctl
/// (https://www.postgresql.org/docs/15/app-pg-ctl.html). The cluster is created once with initdb and reused.
/// </summary>
/// <remarks>
/// initdb, pg_ctl and postgres refuse to run as root, so as root they run as user postgres (runuser) and the
/// folder belongs to postgres. TCP is on 127.0.0.1 only with scram-sha-256; the Unix socket is inside the
/// data folder (not /var/run/postgresql) with trust for local debugging (psql -h &lt;socket folder&gt;).
/// </remarks>
public sealed partial class PostgresServer : InfrastructureServer
{
    /// <summary>Superuser name, as in the Aspire Postgres integration.</summary>
    public const string UserName = "postgres";

    /// <summary>The Unix account the server runs as when this process is root (created by the Debian package).</summary>
    private const string ServiceAccount = "postgres";

    private readonly string _dataRoot;
    private readonly ILogger _logger;
    private readonly bool _asRoot = Environment.IsPrivilegedProcess;
    private string? _binDirectory;
    private bool _mayBeRunning;

    public PostgresServer(PostgresOptions options, string dataRoot, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataRoot);
        foreach (var database in options.Databases)
        {
            if (!DatabaseName().IsMatch(database))
            {
                throw new ArgumentException($"Database name '{database}' is not a plain identifier ([a-z_][a-z0-9_]*).", nameof(options));
            }
        }

        Options = options;
        _dataRoot = Path.GetFullPath(dataRoot);
        DataDirectory = Path.Combine(_dataRoot, "postgres");
        ClusterDirectory = Path.Combine(DataDirectory, "data");
        SocketDirectory = Path.Combine(DataDirectory, "socket");
        LogFile = Path.Combine(DataDirectory, "postgres.log");
        _logger = logger ?? NullLogger.Instance;
    }

    public override string Name => "postgres";

    public PostgresOptions Options { get; }

    /// <summary>&lt;dataRoot&gt;/postgres: cluster, socket folder and log.</summary>
    public string DataDirectory { get; }

    /// <summary>PGDATA.</summary>
    public string ClusterDirectory { get; }

    public string SocketDirectory { get; }

    /// <summary>The server log (pg_ctl -l).</summary>
    public override string LogFile { get; }

    public int Port => Options.Port;

    public IReadOnlyList<string> Databases => Options.Databases;

    /// <summary>
    /// The connection string of one database, shaped like the one the .NET Aspire Postgres integration gives a
    /// database resource ("Host=…;Port=…;Username=…;Password=…;Database=…").
    /// </summary>
    public string GetConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username={UserName};Password={QuoteValue(Options.Password)};Database={database}";

    protected override string DisplayName => "Postgres";

    protected override async Task StartCoreAsync(CancellationToken ct)
    {
        _binDirectory = Options.BinDirectory ?? FindBinDirectory();
        await PrepareFoldersAsync(ct).ConfigureAwait(false);

        // A server left running on this cluster by a run that was killed: stop it and start with our settings.
        if (await IsRunningAsync(ct).ConfigureAwait(false))
        {
            LogLeftover(_logger, ClusterDirectory);
            _mayBeRunning = true;
            await StopCoreAsync(ct).ConfigureAwait(false);
        }

        LoopbackPorts.EnsureFree("Postgres", ("PostgreSQL", Port));
        if (!File.Exists(Path.Combine(ClusterDirectory, "PG_VERSION")))
        {
            await InitClusterAsync(ct).ConfigureAwait(false);
        }

        // Per-start settings go on the command line, so another port works on the same cluster.
        // pg_ctl hands -o to /bin/sh, hence the quoting of the folder.
        var serverOptions = string.Join(' ',
            "-c listen_addresses=127.0.0.1",
            $"-p {Port.ToString(CultureInfo.InvariantCulture)}",
            $"-k {ShellQuote(SocketDirectory)}",
            "-c fsync=off"); // Development data: durability across power loss is not worth the I/O.
        var timeoutSeconds = ((int)Math.Ceiling(Options.StartTimeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        _mayBeRunning = true;
        var start = await PgCtlAsync(["start", "-D", ClusterDirectory, "-l", LogFile, "-w", "-t", timeoutSeconds, "-o", serverOptions],
            Options.StartTimeout + TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
        if (!start.Succeeded)
        {
            throw InfrastructureStartException.WithLogTail($"pg_ctl start exited with code {start.ExitCode}: {start.Output}", LogFile);
        }

        await EnsureDatabasesAsync(ct).ConfigureAwait(false);
    }

    private async Task PrepareFoldersAsync(CancellationToken ct)
    {
        DataRoot.Ensure(_dataRoot);
        Directory.CreateDirectory(DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.CreateDirectory(SocketDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (!_asRoot)
        {
            return;
        }

        // User postgres must pass through the data root (a caller-made temp folder is often 0700).
        var rootMode = File.GetUnixFileMode(_dataRoot);
        if (!rootMode.HasFlag(UnixFileMode.OtherExecute))
        {
            File.SetUnixFileMode(_dataRoot, rootMode | UnixFileMode.OtherExecute);
        }

        // Only these two folders: initdb creates the cluster as postgres, and chown -R would walk all of it.
        await RunCheckedAsync(new ProcessSpec("chown", [$"{ServiceAccount}:{ServiceAccount}", DataDirectory, SocketDirectory]), ct).ConfigureAwait(false);
        var reach = await ProcessRunner.RunAsync(new ProcessSpec("test", ["-w", DataDirectory]).AsUser(ServiceAccount), TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
        if (!reach.Succeeded)
        {
            throw new InfrastructureStartException(
                $"User {ServiceAccount} cannot reach {DataDirectory}: every folder above it needs the execute bit for others (o+x). Use a data folder outside /root, e.g. from DataRoot.CreateTemporary().");
        }
    }

    private async Task InitClusterAsync(CancellationToken ct)
    {
        if (Directory.Exists(ClusterDirectory) && Directory.EnumerateFileSystemEntries(ClusterDirectory).Any())
        {
            // No PG_VERSION: an initdb that was interrupted. Nothing worth keeping.
            LogRemovingIncompleteCluster(_logger, ClusterDirectory);
            Directory.Delete(ClusterDirectory, recursive: true);
        }

        LogInitializing(_logger, ClusterDirectory);
        var passwordFile = Path.Combine(DataDirectory, "initdb-password");
        await File.WriteAllTextAsync(passwordFile, Options.Password, ct).ConfigureAwait(false);
        try
        {
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            if (_asRoot)
            {
                await RunCheckedAsync(new ProcessSpec("chown", [$"{ServiceAccount}:{ServiceAccount}", passwordFile]), ct).ConfigureAwait(false);
            }

            // https://www.postgresql.org/docs/15/app-initdb.html: trust on the private socket, scram over TCP.
            var initdb = await RunAsync(Path.Combine(_binDirectory!, "initdb"),
                ["-D", ClusterDirectory, "-U", UserName, $"--pwfile={passwordFile}", "--auth-local=trust", "--auth-host=scram-sha-256",
                 "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions"],
                TimeSpan.FromMinutes(2), ct).ConfigureAwait(false);
            if (!initdb.Succeeded)
            {
                throw new InfrastructureStartException($"initdb exited with code {initdb.ExitCode}:{Environment.NewLine}{initdb.Output}");
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private async Task EnsureDatabasesAsync(CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(GetConnectionString("postgres")) { Pooling = false, Timeout = 15 };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            foreach (var database in Databases)
            {
                var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = database } } };
                await using (exists.ConfigureAwait(false))
                {
                    if (await exists.ExecuteScalarAsync(ct).ConfigureAwait(false) is not null)
                    {
                        continue;
                    }
                }

                // CREATE DATABASE takes no parameters; the name was checked against DatabaseName() in the constructor.
#pragma warning disable CA2100 // Review SQL queries for security vulnerabilities
                var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
#pragma warning restore CA2100
                await using (create.ConfigureAwait(false))
                {
                    await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                LogDatabaseCreated(_logger, database);
            }
        }
    }

    protected override async Task StopCoreAsync(CancellationToken ct)
    {
        if (!_mayBeRunning || _binDirectory is null)
        {
            return;
        }

        if (await IsRunningAsync(ct).ConfigureAwait(false))
        {
            var timeoutSeconds = ((int)Math.Ceiling(Options.StopTimeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            // Fast mode: roll back open transactions and disconnect clients, then a clean shutdown.
            var stop = await PgCtlAsync(["stop", "-D", ClusterDirectory, "-m", "fast", "-w", "-t", timeoutSeconds],
                Options.StopTimeout + TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
            if (!stop.Succeeded)
            {
                LogStopFailed(_logger, stop.ExitCode, stop.Output);
                return;
            }

            LogStopped(_logger, ClusterDirectory);
        }

        _mayBeRunning = false;
    }

    protected override void ReportReady(long elapsedMs) => LogReady(_logger, Port, Databases, elapsedMs);

    protected override void ReportCleanupFailed(Exception exception) => LogCleanupFailed(_logger, exception);

    /// <summary>pg_ctl status: 0 running, 3 not running, 4 no cluster.</summary>
    private async Task<bool> IsRunningAsync(CancellationToken ct) =>
        File.Exists(Path.Combine(ClusterDirectory, "PG_VERSION"))
        && (await PgCtlAsync(["status", "-D", ClusterDirectory], TimeSpan.FromSeconds(10), ct).ConfigureAwait(false)).ExitCode == 0;

    private Task<ProcessResult> PgCtlAsync(IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct) =>
        RunAsync(Path.Combine(_binDirectory!, "pg_ctl"), arguments, timeout, ct);

    /// <summary>Runs a Postgres program, as user postgres when this process is root.</summary>
    private Task<ProcessResult> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct)
    {
        // The working folder must be readable by postgres (not /root), or the tools complain.
        var spec = new ProcessSpec(program, arguments) { WorkingDirectory = DataDirectory };
        return ProcessRunner.RunAsync(_asRoot ? spec.AsUser(ServiceAccount) : spec, timeout, ct);
    }

    private static async Task RunCheckedAsync(ProcessSpec spec, CancellationToken ct) =>
        (await ProcessRunner.RunAsync(spec, TimeSpan.FromSeconds(30), ct).ConfigureAwait(false)).EnsureSuccess();

    /// <summary>The Debian packages install each major version under /usr/lib/postgresql/N/bin.</summary>
    private static string FindBinDirectory()
    {
        const string Root = "/usr/lib/postgresql";
        var candidates = Directory.Exists(Root)
            ? Directory.GetDirectories(Root)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(c => c.Version > 0 && File.Exists(Path.Combine(c.Dir, "pg_ctl")))
                .OrderByDescending(c => c.Version)
                .ToList()
            : [];
        return candidates.Count > 0
            ? candidates[0].Dir
            : throw new InfrastructureStartException($"No PostgreSQL found under {Root}/N/bin. Run eng/install-prerequisites.sh.");
    }

    /// <summary>Single quotes for /bin/sh.</summary>
    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Connection-string value, quoted only when it holds characters that would end or confuse it.</summary>
    private static string QuoteValue(string value) =>
        value.IndexOfAny([';', '=', '"', '\'']) < 0 && value.Trim() == value
            ? value
            : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();

    [LoggerMessage(Level = LogLevel.Information, Message = "Postgres ready on 127.0.0.1:{Port} (databases {Databases}) in {ElapsedMs} ms")]
    private static partial void LogReady(ILogger logger, int port, IReadOnlyList<string> databases, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Creating the Postgres cluster in {Directory} (first start)")]
    private static partial void LogInitializing(ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing the incomplete Postgres cluster in {Directory}")]
    private static partial void LogRemovingIncompleteCluster(ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Postgres server from an earlier run is still running on {Directory}; stopping it")]
    private static partial void LogLeftover(ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created database {Database}")]
    private static partial void LogDatabaseCreated(ILogger logger, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Postgres stopped ({Directory})")]
    private static partial void LogStopped(ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "pg_ctl stop exited with code {ExitCode}: {Output}")]
    private static partial void LogStopFailed(ILogger logger, int exitCode, string output);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cleanup after a failed Postgres start failed")]
    private static partial void LogCleanupFailed(ILogger logger, Exception exception);
}
