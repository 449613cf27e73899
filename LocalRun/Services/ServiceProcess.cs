using System.Net;
using Alexandrite.LocalRun.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Alexandrite.LocalRun.Services;

/// <summary>
/// One service running as `dotnet &lt;assembly&gt;.dll` with the AppHost's environment contract, ready once
/// its /health answers 200. Stopped by SIGTERM, which ASP.NET Core turns into a graceful shutdown that
/// flushes telemetry.
/// </summary>
public sealed partial class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan StopGracePeriod = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan HealthPollInterval = TimeSpan.FromMilliseconds(250);

    private readonly string _assemblyPath;
    private readonly IReadOnlyDictionary<string, string?> _environment;
    private readonly ILogger _logger;
    private BackgroundProcess? _process;

    public ServiceProcess(ServiceDefinition definition, string assemblyPath, Uri address, IReadOnlyDictionary<string, string?> environment, string logFile, ILogger logger)
    {
        Definition = definition;
        Address = address;
        LogFile = logFile;
        _assemblyPath = assemblyPath;
        _environment = environment;
        _logger = logger;
    }

    public ServiceDefinition Definition { get; }

    public Uri Address { get; }

    public string LogFile { get; }

    /// <summary>The environment the service was given, for tests that check the contract.</summary>
    public IReadOnlyDictionary<string, string?> Environment => _environment;

    public int? ProcessId => _process is { HasExited: false } process ? process.Id : null;

    public async Task StartAsync(TimeSpan timeout, CancellationToken ct)
    {
        if (!File.Exists(_assemblyPath))
        {
            throw new InfrastructureStartException($"{Definition.ResourceName}: {_assemblyPath} does not exist. Build the solution first (dotnet build).");
        }

        LoopbackPorts.EnsureFree(Definition.ResourceName, ("HTTP", Address.Port));
        var spec = new ProcessSpec("dotnet", [_assemblyPath])
        {
            Environment = _environment,
            WorkingDirectory = Path.GetDirectoryName(_assemblyPath),
        };
        _process?.Dispose();
        _process = ProcessRunner.StartBackground(spec, LogFile);
        LogStarted(_logger, Definition.ResourceName, _process.Id, Address);
        await WaitUntilHealthyAsync(_process, timeout, ct);
    }

    public async Task StopAsync(CancellationToken ct)
    {
        if (_process is null)
        {
            return;
        }

        await _process.StopAsync(StopGracePeriod, ct);
        LogStopped(_logger, Definition.ResourceName);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _process?.Dispose();
    }

    private async Task WaitUntilHealthyAsync(BackgroundProcess process, TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        // The readiness endpoint ServiceDefaults maps: every dependency of the service answers.
        var health = new Uri(Address, "/health");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var lastAnswer = "no answer yet";
        try
        {
            while (true)
            {
                if (process.HasExited)
                {
                    throw InfrastructureStartException.WithLogTail($"{Definition.ResourceName} exited with code {process.ExitCode} while starting.", LogFile);
                }

                try
                {
                    using var response = await http.GetAsync(health, deadline.Token);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }

                    lastAnswer = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(deadline.Token)}";
                }
                catch (HttpRequestException exception)
                {
                    lastAnswer = exception.Message;
                }

                await Task.Delay(HealthPollInterval, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw InfrastructureStartException.WithLogTail(
                $"{Definition.ResourceName} was not healthy within {timeout.TotalSeconds:0} s (last answer from {health}: {lastAnswer}).", LogFile);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Service} started as process {ProcessId} on {Address}")]
    private static partial void LogStarted(ILogger logger, string service, int processId, Uri address);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Service} stopped")]
    private static partial void LogStopped(ILogger logger, string service);
}
