using Alexandrite.Contracts;
using Microsoft.Extensions.Configuration;

namespace Alexandrite.AppHost.Infrastructure;

/// <summary>
/// Process mode: Postgres, RabbitMQ and S3 as processes on this machine, started and stopped by the AppHost's
/// orchestrator (DCP) like any executable resource, for machines without a container runtime. Their data lives in
/// one folder that survives restarts (Infrastructure:DataDirectory, by default .local/ at the repository's root).
/// </summary>
internal static class ProcessInfrastructure
{
    public const string DataDirectoryKey = "Infrastructure:DataDirectory";

    /// <summary>Set by Aspire.Hosting.Testing: every port is one the orchestrator picks.</summary>
    private const string RandomizePortsKey = "DcpPublisher:RandomizePorts";

    /// <summary>The folder the host processes (and the AppHost's generated configuration files) keep their data in.</summary>
    public static string DataDirectoryOf(IDistributedApplicationBuilder builder) =>
        Path.GetFullPath(builder.Configuration[DataDirectoryKey] ?? Path.Combine(builder.AppHostDirectory, "..", ".local"));

    public static AlexandriteInfrastructure AddProcessInfrastructure(this IDistributedApplicationBuilder builder, IResourceBuilder<ParameterResource> databasePassword, DatabaseConnectionBudget connections)
    {
        var dataDirectory = DataDirectoryOf(builder);
        var scripts = Path.Combine(builder.AppHostDirectory, "Infrastructure", "Scripts");

        // Each server listens on its port itself, not behind the orchestrator's proxy: every query, message and object
        // passed through the proxy, which cost the orchestrator a quarter of a core at 40 orders/s (issue 16). Fixed
        // ports for a developer; under Aspire.Hosting.Testing (DcpPublisher:RandomizePorts) free ports the orchestrator
        // picks, so tests never collide with a running system.
        var randomPorts = builder.Configuration.GetValue<bool>(RandomizePortsKey);
        int? Port(int developerPort) => randomPorts ? null : developerPort;

        var postgres = builder.AddPostgresProcess("postgres", Path.Combine(scripts, "postgres.sh"), Path.Combine(dataDirectory, "postgres"), databasePassword, port: Port(55432))
            .WithEnvironment("MAX_CONNECTIONS", connections.MaxConnections.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var shopDb = postgres.AddProcessDatabase(ResourceNames.ShopDatabase);
        var mesDb = postgres.AddProcessDatabase(ResourceNames.MesDatabase);

        var messaging = builder.AddRabbitMqProcess(ResourceNames.Messaging, Path.Combine(scripts, "rabbitmq.sh"), Path.Combine(dataDirectory, "rabbitmq"), port: Port(55672), managementPort: 55673);

        var s3rver = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "eng", "s3rver", "node_modules", "s3rver", "bin", "s3rver.js"));
        var storage = builder.AddS3Process(ResourceNames.Storage, s3rver, Path.Combine(dataDirectory, "s3"), ResourceNames.ModelsBucket, port: Port(55690));

        // No Jaeger is installable here: traces go to one only when Telemetry:Jaeger:Endpoint names it.
        return new AlexandriteInfrastructure(InfrastructureMode.Processes, shopDb, mesDb, messaging, storage, TraceStore.FromConfiguration(builder.Configuration));
    }
}
