using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Alexandrite.LocalRun.Infrastructure;

/// <summary>
/// A private S3 server: s3rver (https://github.com/jamhall/s3rver) on node, objects in &lt;dataRoot&gt;/s3/data,
/// path-style addressing only (--no-vhost-buckets). Installed from eng/s3rver by eng/install-prerequisites.sh.
/// </summary>
public sealed partial class S3Server : InfrastructureServer
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    private readonly ILogger _logger;
    private readonly OwnedProcessFile _pidFile;
    private readonly string _scriptPath;
    private BackgroundProcess? _process;

    public S3Server(S3Options options, string dataRoot, string repositoryRoot, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataRoot);
        ArgumentException.ThrowIfNullOrWhiteSpace(repositoryRoot);
        foreach (var bucket in options.Buckets)
        {
            if (!BucketName().IsMatch(bucket))
            {
                throw new ArgumentException($"Bucket name '{bucket}' breaks the S3 naming rules (3-63 of a-z, 0-9, '-', '.').", nameof(options));
            }
        }

        Options = options;
        DataDirectory = Path.Combine(Path.GetFullPath(dataRoot), "s3");
        ObjectsDirectory = Path.Combine(DataDirectory, "data");
        LogFile = Path.Combine(DataDirectory, "s3rver.log");
        _scriptPath = Path.GetFullPath(Path.Combine(repositoryRoot, options.ScriptPath));
        _pidFile = new OwnedProcessFile(Path.Combine(DataDirectory, "s3rver.pid"), DataDirectory);
        _logger = logger ?? NullLogger.Instance;
    }

    public override string Name => "s3";

    public S3Options Options { get; }

    /// <summary>&lt;dataRoot&gt;/s3: objects folder, log and PID file.</summary>
    public string DataDirectory { get; }

    /// <summary>s3rver's store: one folder per bucket.</summary>
    public string ObjectsDirectory { get; }

    public override string LogFile { get; }

    public int Port => Options.Port;

    public Uri Endpoint => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    public IReadOnlyList<string> Buckets => Options.Buckets;

    /// <summary>Endpoint and keys for an S3 client (path-style addressing; keys are s3rver's fixed ones).</summary>
    public string ConnectionString =>
        $"Endpoint={Endpoint.GetLeftPart(UriPartial.Authority)};AccessKey={S3Options.AccessKey};SecretKey={S3Options.SecretKey}";

    protected override string DisplayName => "S3 (s3rver)";

    protected override async Task StartCoreAsync(CancellationToken ct)
    {
        if (!File.Exists(_scriptPath))
        {
            throw new InfrastructureStartException($"s3rver is not installed ({_scriptPath} is missing). Run eng/install-prerequisites.sh.");
        }

        Directory.CreateDirectory(ObjectsDirectory);
        await _pidFile.EndLeftoverAsync(Options.StopGracePeriod, _logger, ct).ConfigureAwait(false);

        LoopbackPorts.EnsureFree("S3", ("s3rver", Port));

        // --configure-bucket creates the bucket before s3rver listens, and leaves an existing one as it is.
        List<string> arguments = [_scriptPath, "-d", ObjectsDirectory, "-a", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "--no-vhost-buckets"];
        foreach (var bucket in Buckets)
        {
            arguments.AddRange(["--configure-bucket", bucket]);
        }

        _process = _pidFile.StartBackground(new ProcessSpec(Options.NodePath, arguments) { WorkingDirectory = DataDirectory }, LogFile);

        await WaitUntilReadyAsync(_process, ct).ConfigureAwait(false);
    }

    /// <summary>Ready when GET / (ListBuckets; s3rver answers it without credentials) returns 200.</summary>
    private async Task WaitUntilReadyAsync(BackgroundProcess process, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = ProbeTimeout };
        var deadline = DateTime.UtcNow + Options.StartTimeout;
        string? lastProblem = null;
        while (true)
        {
            if (process.HasExited)
            {
                throw InfrastructureStartException.WithLogTail($"s3rver exited with code {process.ExitCode} before it was ready.", LogFile);
            }

            if (DateTime.UtcNow > deadline)
            {
                throw InfrastructureStartException.WithLogTail(
                    $"s3rver did not answer on {Endpoint} within {Options.StartTimeout.TotalSeconds:0} s (last: {lastProblem}).", LogFile);
            }

            try
            {
                using var response = await http.GetAsync(Endpoint, ct).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                lastProblem = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                lastProblem = e.Message;
            }
            catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
            {
                lastProblem = e.Message; // The probe's own timeout.
            }

            await Task.Delay(100, ct).ConfigureAwait(false);
        }
    }

    protected override async Task StopCoreAsync(CancellationToken ct)
    {
        if (_process is null)
        {
            return;
        }

        // node exits on SIGTERM (its default action); SIGKILL after the grace period.
        await _process.StopAsync(Options.StopGracePeriod, ct).ConfigureAwait(false);
        _process.Dispose();
        _process = null;
        _pidFile.Delete();
        LogStopped(_logger, Endpoint);
    }

    protected override void ReportReady(long elapsedMs) => LogReady(_logger, Endpoint, Buckets, elapsedMs);

    protected override void ReportCleanupFailed(Exception exception) => LogCleanupFailed(_logger, exception);

    /// <summary>https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html (the common subset).</summary>
    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();

    [LoggerMessage(Level = LogLevel.Information, Message = "S3 (s3rver) ready on {Endpoint} (buckets {Buckets}) in {ElapsedMs} ms")]
    private static partial void LogReady(ILogger logger, Uri endpoint, IReadOnlyList<string> buckets, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "S3 (s3rver) on {Endpoint} stopped")]
    private static partial void LogStopped(ILogger logger, Uri endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cleanup after a failed S3 start failed")]
    private static partial void LogCleanupFailed(ILogger logger, Exception exception);
}
