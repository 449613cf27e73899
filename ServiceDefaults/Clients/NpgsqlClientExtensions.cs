using Alexandrite.ServiceDefaults.Health;
using Alexandrite.ServiceDefaults.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Stands in for Aspire.Npgsql's AddNpgsqlDataSource: one <see cref="NpgsqlDataSource"/> built from
/// ConnectionStrings:&lt;name&gt;, with a readiness check. Npgsql traces and meters itself under the
/// "Npgsql" source and meter, which ServiceDefaults listens to.
/// </summary>
public static class NpgsqlClientExtensions
{
    public static TBuilder AddNpgsqlDataSource<TBuilder>(this TBuilder builder, string connectionName)
        where TBuilder : IHostApplicationBuilder
    {
        var connectionString = Alexandrite.ServiceDefaults.Clients.ConnectionStrings.Require(builder.Configuration, connectionName);
        builder.Services.AddSingleton(services =>
        {
            var dataSource = new NpgsqlDataSourceBuilder(connectionString).UseLoggerFactory(services.GetRequiredService<ILoggerFactory>());
            dataSource.ConfigureTracing(tracing => tracing.ConfigureCommandSpanNameProvider(command => SpanNames.DatabaseCommand(command.CommandText)));
            return dataSource.Build();
        });

        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            connectionName,
            services => new NpgsqlHealthCheck(services.GetRequiredService<NpgsqlDataSource>()),
            HealthStatus.Unhealthy,
            [HealthCheckTags.Ready]));
        return builder;
    }

    private sealed class NpgsqlHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var command = dataSource.CreateCommand("SELECT 1");
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("PostgreSQL does not answer.", exception);
            }
        }
    }
}
