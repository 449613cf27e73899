using Alexandrite.Contracts;

namespace Alexandrite.AppHost.Infrastructure;

/// <summary>
/// Container mode: Postgres and RabbitMQ through Aspire's hosting integrations, MinIO and Jaeger v2 as plain
/// containers (Aspire has no integration for either). Postgres keeps its data in a volume. Jaeger is left out when
/// Telemetry:Jaeger:Endpoint names one the AppHost does not run.
/// </summary>
internal static class ContainerInfrastructure
{
    /// <summary>A pinned MinIO server release (the image also carries the mc client the start script uses).</summary>
    private const string MinioImageTag = "RELEASE.2025-04-22T22-12-26Z";

    private const string JaegerImageTag = "2.13.0";

    public static AlexandriteInfrastructure AddContainerInfrastructure(
        this IDistributedApplicationBuilder builder,
        IResourceBuilder<ParameterResource> databasePassword,
        IResourceBuilder<ParameterResource> storageUser,
        IResourceBuilder<ParameterResource> storagePassword,
        DatabaseConnectionBudget connections)
    {
        // The image's entrypoint passes arguments that begin with "-" on to postgres.
        var postgres = builder.AddPostgres("postgres", password: databasePassword).WithDataVolume()
            .WithArgs("-c", $"max_connections={connections.MaxConnections}");
        var shopDb = postgres.AddDatabase(ResourceNames.ShopDatabase);
        var mesDb = postgres.AddDatabase(ResourceNames.MesDatabase);

        var messaging = builder.AddRabbitMQ(ResourceNames.Messaging)
            .WithManagementPlugin()
            .WithUrlForEndpoint("management", url => url.DisplayText = "RabbitMQ management");

        var storage = builder.AddMinio(ResourceNames.Storage, MinioImageTag, storageUser, storagePassword, ResourceNames.ModelsBucket);

        var traces = TraceStore.FromConfiguration(builder.Configuration) ?? builder.AddJaegerTraceStore();

        return new AlexandriteInfrastructure(InfrastructureMode.Containers, shopDb, mesDb, messaging, storage, traces);
    }

    /// <summary>Jaeger in memory, for development: where traces go unless Telemetry:Jaeger:Endpoint names another.</summary>
    private static TraceStore AddJaegerTraceStore(this IDistributedApplicationBuilder builder)
    {
        var jaeger = builder.AddJaeger("jaeger", JaegerImageTag);
        return new TraceStore(
            ReferenceExpression.Create($"{jaeger.GetEndpoint(JaegerResources.OtlpGrpcEndpoint)}"),
            TraceStore.DefaultProtocol,
            ReferenceExpression.Create($"{jaeger.GetEndpoint(JaegerResources.UiEndpoint)}"),
            jaeger);
    }
}
