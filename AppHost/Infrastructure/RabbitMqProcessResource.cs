using RabbitMQ.Client;

namespace Alexandrite.AppHost.Infrastructure;

/// <summary>
/// A RabbitMQ node run by Scripts/rabbitmq.sh as a host process, with the connection string Aspire's RabbitMQ
/// integration gives ("amqp://user:password@host:port"). The node's guest user may log in from loopback
/// (loopback_users = none): nothing else can reach it.
/// </summary>
internal sealed class RabbitMqProcessResource(string name, string dataDirectory)
    : ExecutableResource(name, "bash", dataDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";
    public const string ManagementEndpointName = "management";

    public EndpointReference Endpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"amqp://guest:guest@{Endpoint.Property(EndpointProperty.Host)}:{Endpoint.Property(EndpointProperty.Port)}");
}

internal static class RabbitMqProcessExtensions
{
    /// <summary>
    /// The node as an executable resource: AMQP on its port itself (fixed for a developer, free under the tests), the
    /// management UI on a port DCP proxies; Erlang's epmd and distribution ports unproxied on ports Aspire picks.
    /// Healthy when an AMQP connection opens, as Aspire's RabbitMQ resource is.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddRabbitMqProcess(
        this IDistributedApplicationBuilder builder, string name, string script, string dataDirectory, int? port, int managementPort)
    {
        var node = new RabbitMqProcessResource(name, dataDirectory);

        // One connection, reused by every probe (as Aspire.Hosting.RabbitMQ does).
        var connectionString = builder.WhenAvailable(node);
        IConnection? connection = null;
        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().AddRabbitMQ(async _ =>
            connection ??= await new ConnectionFactory { Uri = new Uri(connectionString()) }.CreateConnectionAsync().ConfigureAwait(false),
            healthCheck);

        return builder.AddResource(node)
            .WithWorkingDirectoryCreatedAtStart()
            .WithArgs(script)
            .WithEndpoint(port: port, name: RabbitMqProcessResource.EndpointName, scheme: "tcp", env: "RABBITMQ_NODE_PORT", isProxied: false)
            .WithHttpEndpoint(port: managementPort, name: RabbitMqProcessResource.ManagementEndpointName, env: "MANAGEMENT_PORT")
            .WithEndpoint(name: "epmd", scheme: "tcp", env: "ERL_EPMD_PORT", isProxied: false)
            .WithEndpoint(name: "distribution", scheme: "tcp", env: "RABBITMQ_DIST_PORT", isProxied: false)
            .WithUrlForEndpoint(RabbitMqProcessResource.ManagementEndpointName, url => url.DisplayText = "RabbitMQ management")
            .WithUrlForEndpoint("epmd", url => url.DisplayLocation = UrlDisplayLocation.DetailsOnly)
            .WithUrlForEndpoint("distribution", url => url.DisplayLocation = UrlDisplayLocation.DetailsOnly)
            .WithEnvironment("DATA_DIR", dataDirectory)
            .WithIconName("MailMultiple")
            .WithHealthCheck(healthCheck);
    }
}
