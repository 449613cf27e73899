using System.Reflection;
using Alexandrite.Contracts;
using Alexandrite.LocalRun.Infrastructure;
using Alexandrite.LocalRun.Services;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Alexandrite.LocalRun;

/// <summary>
/// The whole system without Docker: private Postgres, RabbitMQ and S3 processes, then the four services with
/// the environment the AppHost would give them. The one implementation behind both the run command
/// (Program.cs) and the end-to-end tests.
/// </summary>
public sealed partial class LocalSystem : IAsyncDisposable
{
    private readonly LocalSystemOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly Dictionary<string, ServiceProcess> _services = new(StringComparer.Ordinal);

    private LocalSystem(LocalSystemOptions options, ILoggerFactory loggerFactory)
    {
        _options = options;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<LocalSystem>();
        var dataDirectory = DataRoot.Ensure(options.DataDirectory);
        Postgres = new PostgresServer(options.Postgres, dataDirectory, loggerFactory.CreateLogger<PostgresServer>());
        RabbitMq = new RabbitMqServer(options.RabbitMq, dataDirectory, loggerFactory.CreateLogger<RabbitMqServer>());
        S3 = new S3Server(options.S3, dataDirectory, options.RepositoryRoot, loggerFactory.CreateLogger<S3Server>());
    }

    /// <summary>How this system was started: ports, data folder, credentials.</summary>
    public LocalSystemOptions Options => _options;

    public PostgresServer Postgres { get; }

    public RabbitMqServer RabbitMq { get; }

    public S3Server S3 { get; }

    public IReadOnlyCollection<ServiceProcess> Services => _services.Values;

    /// <summary>Starts the infrastructure, then the services (each after those it waits for), and returns when all are healthy.</summary>
    public static async Task<LocalSystem> StartAsync(LocalSystemOptions options, ILoggerFactory? loggerFactory = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var system = new LocalSystem(options, loggerFactory ?? NullLoggerFactory.Instance);
        try
        {
            await Task.WhenAll(system.Infrastructure.Select(server => server.StartAsync(ct)));
            await system.StartServicesAsync(ct);
            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    public Uri GetServiceUri(string resourceName) =>
        _options.ServicePorts.TryGetValue(resourceName, out var port)
            ? new Uri($"http://127.0.0.1:{port}")
            : throw new ArgumentException($"No service is named {resourceName}.", nameof(resourceName));

    /// <summary>The connection string a service receives for a resource, as ConnectionStrings__&lt;name&gt;.</summary>
    public string GetConnectionString(string resourceName) => resourceName switch
    {
        ResourceNames.ShopDatabase or ResourceNames.MesDatabase => Postgres.GetConnectionString(resourceName),
        ResourceNames.Messaging => RabbitMq.ConnectionString,
        ResourceNames.Storage => S3.ConnectionString,
        _ => throw new ArgumentException($"No resource with a connection string is named {resourceName}.", nameof(resourceName)),
    };

    public ServiceProcess GetService(string resourceName) => _services[resourceName];

    /// <summary>Stops one service (to show what happens to orders while it is down).</summary>
    public Task StopServiceAsync(string resourceName, CancellationToken ct = default) => GetService(resourceName).StopAsync(ct);

    /// <summary>Starts a stopped service again, with the same environment, and waits until it is healthy.</summary>
    public Task StartServiceAsync(string resourceName, CancellationToken ct = default) =>
        GetService(resourceName).StartAsync(_options.ServiceStartTimeout, ct);

    public async ValueTask DisposeAsync()
    {
        foreach (var service in ServiceCatalog.All.Reverse())
        {
            if (_services.TryGetValue(service.ResourceName, out var process))
            {
                await process.DisposeAsync();
            }
        }

        await Task.WhenAll(Infrastructure.Select(server => server.DisposeAsync().AsTask()));
    }

    private IInfrastructureServer[] Infrastructure => [Postgres, RabbitMq, S3];

    private async Task StartServicesAsync(CancellationToken ct)
    {
        var configuration = typeof(LocalSystem).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var logDirectory = DataRoot.Ensure(Path.Combine(_options.DataDirectory, "logs"));
        foreach (var service in ServiceCatalog.All)
        {
            var assemblyPath = Path.Combine(_options.RepositoryRoot, service.ProjectFolder, "bin", configuration, "net10.0", service.AssemblyName + ".dll");
            var environment = ServiceEnvironment.Build(service, GetServiceUri, GetConnectionString, _options);
            _services[service.ResourceName] = new ServiceProcess(
                service, assemblyPath, GetServiceUri(service.ResourceName), environment,
                Path.Combine(logDirectory, service.ResourceName + ".log"), _loggerFactory.CreateLogger<ServiceProcess>());
        }

        // Like the AppHost's WaitFor: a service starts once those it waits for are healthy.
        var started = new Dictionary<string, Task>(StringComparer.Ordinal);
        Task StartInOrder(ServiceDefinition service) => started.TryGetValue(service.ResourceName, out var task)
            ? task
            : started[service.ResourceName] = StartAfterAsync(service, service.WaitFor.Select(name => StartInOrder(ServiceCatalog.All.Single(s => s.ResourceName == name))).ToArray(), ct);

        await Task.WhenAll(ServiceCatalog.All.Select(StartInOrder));
        LogReady(_logger, _services.Count);
    }

    private async Task StartAfterAsync(ServiceDefinition service, Task[] dependencies, CancellationToken ct)
    {
        await Task.WhenAll(dependencies);
        await _services[service.ResourceName].StartAsync(_options.ServiceStartTimeout, ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "All {Count} services are healthy")]
    private static partial void LogReady(ILogger logger, int count);
}
