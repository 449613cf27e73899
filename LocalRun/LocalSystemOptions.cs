using Alexandrite.Contracts;
using Alexandrite.LocalRun.Infrastructure;
using Alexandrite.LocalRun.Services;

namespace Alexandrite.LocalRun;

/// <summary>Where and how <see cref="LocalSystem"/> runs: data folder, ports, and the services' extra environment.</summary>
public sealed record LocalSystemOptions
{
    public required string RepositoryRoot { get; init; }

    /// <summary>The one folder for every server's data and every process's log.</summary>
    public required string DataDirectory { get; init; }

    public PostgresOptions Postgres { get; init; } = new() { Databases = [ResourceNames.ShopDatabase, ResourceNames.MesDatabase] };

    public RabbitMqOptions RabbitMq { get; init; } = new();

    public S3Options S3 { get; init; } = new() { Buckets = [ResourceNames.ModelsBucket] };

    /// <summary>The port of each service on 127.0.0.1, by resource name.</summary>
    public IReadOnlyDictionary<string, int> ServicePorts { get; init; } =
        ServiceCatalog.All.ToDictionary(service => service.ResourceName, service => service.DefaultPort);

    public string EnvironmentName { get; init; } = "Development";

    /// <summary>The signing key and the users to sign in: the secret parameters of the AppHost.</summary>
    public Credentials Credentials { get; init; } = Credentials.ForDevelopment();

    /// <summary>Variables given to every service after the defaults (telemetry destinations, for example).</summary>
    public IReadOnlyDictionary<string, string?> SharedEnvironment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Variables given to one service, by resource name, applied last.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>> ServiceEnvironment { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string?>>();

    /// <summary>How long a service may take to answer healthy on /health.</summary>
    public TimeSpan ServiceStartTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>The developer run: fixed ports, data under &lt;repository&gt;/.local, this process's telemetry settings passed on.</summary>
    public static LocalSystemOptions ForDeveloper(string repositoryRoot) => new()
    {
        RepositoryRoot = repositoryRoot,
        DataDirectory = DataRoot.ForRepository(repositoryRoot),
        SharedEnvironment = Services.ServiceEnvironment.TelemetryFromCurrentProcess(),
    };

    /// <summary>A run beside any other (tests): every port picked free, data in the given folder.</summary>
    public static LocalSystemOptions WithFreePorts(string repositoryRoot, string dataDirectory)
    {
        var ports = new Queue<int>(LoopbackPorts.PickFree(6 + ServiceCatalog.All.Count));
        return new LocalSystemOptions
        {
            RepositoryRoot = repositoryRoot,
            DataDirectory = dataDirectory,
            Postgres = new PostgresOptions { Port = ports.Dequeue(), Databases = [ResourceNames.ShopDatabase, ResourceNames.MesDatabase] },
            RabbitMq = new RabbitMqOptions { Port = ports.Dequeue(), ManagementPort = ports.Dequeue(), DistributionPort = ports.Dequeue(), EpmdPort = ports.Dequeue() },
            S3 = new S3Options { Port = ports.Dequeue(), Buckets = [ResourceNames.ModelsBucket] },
            ServicePorts = ServiceCatalog.All.ToDictionary(service => service.ResourceName, _ => ports.Dequeue()),
        };
    }
}
