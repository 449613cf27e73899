using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Alexandrite.Benchmarks.Load;
using Alexandrite.Contracts;
using Alexandrite.Testing.AppHost;
using Microsoft.Extensions.Logging;

namespace Alexandrite.Benchmarks.Hosting;

/// <summary>
/// The system as the run command starts it, the AppHost, started here through Aspire.Hosting.Testing as the
/// end-to-end tests' AspireFixture does: with its dashboard (where the services export their telemetry), its
/// infrastructure in the mode this machine can run, every secret passed as an argument (<see cref="AppHostSecrets"/>,
/// shared with the fixture) so nothing is written to user secrets, its data in a temporary folder deleted afterwards.
/// The services get <see cref="LoadSettings"/> and the <see cref="TelemetrySetting"/>'s environment; or, to compare
/// settings side by side, one Shop.Api instance for each setting, with its environment, beside the other services on
/// the one setting (Scale:Instances:shop-api, and Postgres's connections raised by a pool for each further instance).
/// </summary>
internal sealed class SystemUnderLoad : IAsyncDisposable
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The AppHost's Database:MaxConnections and Database:Pools:shop-api (AppHost/appsettings.json).</summary>
    private const int DefaultMaxConnections = 100;
    private const int ShopApiPool = 30;

    /// <summary>Where the orchestrator reports a resource's process (the dashboard's "Process ID").</summary>
    private const string ProcessIdProperty = "executable.pid";

    private readonly DirectoryInfo _dataDirectory;
    private readonly DistributedApplication _app;
    private ResourceLogFiles? _logs;

    private SystemUnderLoad(DirectoryInfo dataDirectory, DistributedApplication app, AppHostSecrets secrets)
    {
        _dataDirectory = dataDirectory;
        _app = app;
        Secrets = secrets;
    }

    public AppHostSecrets Secrets { get; }

    /// <summary>From the start of the AppHost until every resource with a health check is healthy.</summary>
    public TimeSpan StartUpTime { get; private set; }

    /// <summary>When each resource with a health check became healthy, from the start of the AppHost.</summary>
    public IReadOnlyDictionary<string, TimeSpan> HealthyAfter { get; private set; } = new Dictionary<string, TimeSpan>();

    /// <summary>Each resource that runs as a process of this machine, with its process id (what the orchestrator started).</summary>
    public IReadOnlyDictionary<string, int> Processes { get; private set; } = new Dictionary<string, int>();

    /// <summary>Where each resource's console output is written (&lt;resource&gt;.log).</summary>
    public string LogDirectory { get; private init; } = "";

    /// <summary>
    /// The orchestrator's (DCP's) root process: it detaches from this process and watches it (--monitor &lt;pid&gt;), and
    /// every resource's process runs below it; 0 when it was not found.
    /// </summary>
    public int OrchestratorProcess { get; private set; }

    /// <summary>Shop.Api's instances by resource name, the first (shop-api) first; one unless started side by side.</summary>
    public IReadOnlyList<string> ShopApiInstances { get; private init; } = [ResourceNames.ShopApi];

    public static async Task<SystemUnderLoad> StartAsync(
        TelemetrySetting setting, string logDirectory, CancellationToken cancellationToken, IReadOnlyList<TelemetrySetting>? shopApiSettings = null)
    {
        var secrets = new AppHostSecrets();
        var dataDirectory = Directory.CreateTempSubdirectory("alexandrite-benchmark-");
        var clock = Stopwatch.StartNew();
        var shopApis = Enumerable.Range(1, shopApiSettings?.Count ?? 1).ToDictionary(
            instance => ResourceNames.Instance(ResourceNames.ShopApi, instance), instance => shopApiSettings?[instance - 1] ?? setting, StringComparer.Ordinal);
        var settings = new Dictionary<string, string> { ["Infrastructure:DataDirectory"] = dataDirectory.FullName };
        if (shopApis.Count > 1)
        {
            settings[$"Scale:Instances:{ResourceNames.ShopApi}"] = shopApis.Count.ToString(CultureInfo.InvariantCulture);
            settings["Database:MaxConnections"] = (DefaultMaxConnections + (ShopApiPool * (shopApis.Count - 1))).ToString(CultureInfo.InvariantCulture);
        }

        var appHost = await DistributedApplicationTestingBuilder
            .CreateAsync<Projects.AppHost>(
                new DistributedApplicationTestingBuilderOptions { EnableDashboard = true },
                secrets.Arguments(settings),
                cancellationToken)
            .WaitAsync(BuildTimeout, cancellationToken);

        // The resources' console output goes to files (ResourceLogFiles): on this console, under load, it would bury the
        // benchmark's own lines. The AppHost's own warnings stay.
        appHost.Services.AddLogging(logging => logging.AddFilter("AppHost.Resources", LogLevel.None).AddFilter("Aspire.Hosting", LogLevel.Warning)
            .AddFilter("Alexandrite.AppHost.DeveloperAccess", LogLevel.None));
        foreach (var project in appHost.Resources.OfType<ProjectResource>().ToList())
        {
            var service = appHost.CreateResourceBuilder(project);
            foreach (var (key, value) in LoadSettings.For(project.Name).Concat(shopApis.GetValueOrDefault(project.Name, setting).Environment))
            {
                service.WithEnvironment(key, value);
            }
        }

        var app = await appHost.BuildAsync(cancellationToken).WaitAsync(BuildTimeout, cancellationToken);
        var system = new SystemUnderLoad(dataDirectory, app, secrets) { LogDirectory = logDirectory, ShopApiInstances = [.. shopApis.Keys] };
        try
        {
            try
            {
                await app.StartAsync(cancellationToken).WaitAsync(StartTimeout, cancellationToken);
            }
            finally
            {
                // Once started, each resource's logs are known by its orchestrator's instance name (as AspireFixture notes);
                // the lines written before the watch begins are kept for it.
                system._logs = ResourceLogFiles.Capture(app, logDirectory);
            }

            var healthyAfter = new ConcurrentDictionary<string, TimeSpan>(StringComparer.Ordinal);
            var resources = app.Services.GetRequiredService<DistributedApplicationModel>().Resources
                .Where(resource => resource.Annotations.OfType<HealthCheckAnnotation>().Any())
                .Select(resource => resource.Name);
            await Task.WhenAll(resources.Select(async resource =>
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cancellationToken);
                healthyAfter[resource] = clock.Elapsed;
            })).WaitAsync(StartTimeout, cancellationToken);
            system.StartUpTime = clock.Elapsed;
            system.HealthyAfter = healthyAfter;
            system.Processes = system.FindProcesses();
            var watchesThisProcess = new System.Text.RegularExpressions.Regex($@"\bdcp\b.* --monitor {Environment.ProcessId}(\s|$)");
            system.OrchestratorProcess = ProcFs.Find(watchesThisProcess.IsMatch).DefaultIfEmpty(0).Min();
            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    public Uri ServiceUri(string resourceName) => _app.GetEndpoint(resourceName, "http");

    public async Task<string> ConnectionStringAsync(string resourceName, CancellationToken cancellationToken) =>
        await _app.GetConnectionStringAsync(resourceName, cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(30), cancellationToken)
        ?? throw new InvalidOperationException($"{resourceName} has no connection string.");

    /// <summary>Runs one of a resource's dashboard commands (Mes.Api's "Stop taking orders", say), as a click on it does.</summary>
    public async Task RunCommandAsync(string resourceName, string command, CancellationToken cancellationToken)
    {
        var result = await _app.ResourceCommands.ExecuteCommandAsync(resourceName, command, cancellationToken).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        if (!result.Success)
        {
            throw new InvalidOperationException($"{command} on {resourceName} failed: {result.Message}");
        }
    }

    /// <summary>Every resource whose snapshot names a process (projects, executables, the dashboard).</summary>
    private Dictionary<string, int> FindProcesses()
    {
        var processes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var resource in _app.Services.GetRequiredService<DistributedApplicationModel>().Resources)
        {
            if (_app.ResourceNotifications.TryGetCurrentState(resource.Name, out var current)
                && current.Snapshot.Properties.FirstOrDefault(property => property.Name == ProcessIdProperty)?.Value is { } pid)
            {
                processes[resource.Name] = Convert.ToInt32(pid, CultureInfo.InvariantCulture);
            }
        }

        return processes;
    }

    /// <summary>Whether every project still runs: a service that crashed under load is a finding, not a pause.</summary>
    public IReadOnlyList<string> StoppedServices() =>
        [.. new[] { ResourceNames.ShopApi, ResourceNames.MesApi, ResourceNames.CrmApi, ResourceNames.ShopWeb }
            .Where(name => !_app.ResourceNotifications.TryGetCurrentState(name, out var current) || current.Snapshot.State?.Text != KnownResourceStates.Running)];

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync().WaitAsync(StopTimeout);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException or DistributedApplicationException)
        {
            Console.Error.WriteLine($"Stopping the AppHost: {exception.Message}");
        }
        finally
        {
            await _app.DisposeAsync();
            if (_logs is not null)
            {
                await _logs.DisposeAsync();
            }

            try
            {
                _dataDirectory.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A server still flushing its last file: the temporary folder is the system's to clean.
            }
            catch (UnauthorizedAccessException)
            {
            }

            await DiskWrites.FlushAsync(CancellationToken.None);
        }
    }
}
