using Alexandrite.AppHost.Infrastructure;
using Alexandrite.Contracts;
using Microsoft.Extensions.Configuration;

namespace Alexandrite.AppHost;

/// <summary>How many processes of a service the AppHost runs (Scale:Instances:&lt;resource name&gt;, e.g. Scale:Instances:mes-api=2), named by ResourceNames.Instance.</summary>
internal static class ServiceInstances
{
    public const string SectionName = "Scale:Instances";

    /// <summary>Enough for a demonstration of sharing the work on a laptop; more is a deployment's business.</summary>
    public const int Max = 8;

    public static int Of(IConfiguration configuration, string service) =>
        configuration.GetValue($"{SectionName}:{service}", 1) is var count and >= 1 and <= Max
            ? count
            : throw new InvalidOperationException($"{SectionName}:{service} must be between 1 and {Max}.");

    /// <summary>
    /// The service's instances as Alexandrite services, each with its database pool: the first on the service's usual
    /// port, the others on ports of their own, all reporting their telemetry as the service.
    /// </summary>
    public static IEnumerable<IResourceBuilder<ProjectResource>> AddServiceInstances<TProject>(
        this IDistributedApplicationBuilder builder, string service, int port, AlexandriteInfrastructure infrastructure, ServiceSecrets secrets, DatabaseConnectionBudget connections)
        where TProject : IProjectMetadata, new() =>
        Enumerable.Range(1, Of(builder.Configuration, service))
            .Select(instance => builder.AddProject<TProject>(ResourceNames.Instance(service, instance))
                .AsAlexandriteService(infrastructure, secrets, port: instance == 1 ? port : null, instanceOf: service)
                .WithDatabasePool(connections, service))
            .ToList();
}
