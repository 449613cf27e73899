using Alexandrite.ServiceDefaults.Clients;
using Alexandrite.ServiceDefaults.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Stands in for Aspire.RabbitMQ.Client's AddRabbitMQClient: one broker connection from
/// ConnectionStrings:&lt;name&gt; (an amqp:// URI), opened with retries and recovering by itself after a
/// broker restart, with a readiness check. RabbitMQ.Client 7 traces publishes itself.
/// </summary>
public static class RabbitMqClientExtensions
{
    public static TBuilder AddRabbitMQClient<TBuilder>(this TBuilder builder, string connectionName)
        where TBuilder : IHostApplicationBuilder
    {
        var connectionString = ConnectionStrings.Require(builder.Configuration, connectionName);
        var clientName = builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName;
        // A factory registration, so the container owns (and disposes) the connection.
        builder.Services.AddSingleton(_ => new RabbitMqConnectionProvider(new Uri(connectionString), clientName));

        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            connectionName,
            services => new RabbitMqHealthCheck(services.GetRequiredService<RabbitMqConnectionProvider>()),
            HealthStatus.Unhealthy,
            [HealthCheckTags.Ready]));
        return builder;
    }

    private sealed class RabbitMqHealthCheck(RabbitMqConnectionProvider connections) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var connection = await connections.TryGetOpenConnectionAsync(cancellationToken);
            return connection is not null
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The RabbitMQ connection is not open.");
        }
    }
}
