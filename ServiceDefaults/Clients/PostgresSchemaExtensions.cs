using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Applies a service's idempotent schema script when the host starts, retrying while PostgreSQL is still
/// starting (Aspire.Npgsql's data source does not retry). Registered before the service's other hosted services,
/// so consumers and outbox relays find their tables. Services that share a database (Shop.Api and Crm.Api on the
/// Shop DB) may apply the same script at the same moment: a transaction-scoped advisory lock runs the scripts on one
/// database one at a time, since concurrent CREATE ... IF NOT EXISTS of the same object can still fail on
/// PostgreSQL's catalog constraints.
/// </summary>
public static class PostgresSchemaExtensions
{
    /// <summary>Applies the script embedded in <paramref name="assembly"/> under the logical name <paramref name="resourceName"/>.</summary>
    public static TBuilder AddPostgresSchema<TBuilder>(this TBuilder builder, Assembly assembly, string resourceName = "Schema.sql")
        where TBuilder : IHostApplicationBuilder
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} embeds no resource named {resourceName}.");
        using var reader = new StreamReader(stream);
        return builder.AddPostgresSchema(reader.ReadToEnd());
    }

    /// <summary>Applies <paramref name="schemaSql"/> at start; scripts run in the order they were added.</summary>
    public static TBuilder AddPostgresSchema<TBuilder>(this TBuilder builder, string schemaSql)
        where TBuilder : IHostApplicationBuilder
    {
        // AddSingleton, not AddHostedService: the latter drops a second registration of the same type, and a
        // service may apply several scripts (its own tables, then the messaging tables).
        builder.Services.AddSingleton<IHostedService>(services => new PostgresSchemaInitializer(services.GetRequiredService<NpgsqlDataSource>(), schemaSql));
        return builder;
    }

    private sealed class PostgresSchemaInitializer(NpgsqlDataSource dataSource, string schemaSql) : IHostedService
    {
        /// <summary>The advisory lock key of schema changes (any constant shared by every service).</summary>
        private const long SchemaLockKey = 0x416C6578_53636865; // "AlexSche"

        /// <summary>
        /// The database may still be starting (the AppHost starts everything at once, and a restarted database takes a
        /// moment): exponential backoff with jitter, about a minute in all, then the host fails to start.
        /// </summary>
        private static readonly ResiliencePipeline Retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(exception => exception.IsTransient),
                MaxRetryAttempts = 10,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(250),
                MaxDelay = TimeSpan.FromSeconds(10),
            })
            .Build();

        public Task StartAsync(CancellationToken cancellationToken) =>
            Retry.ExecuteAsync(async token => await dataSource.InTransactionAsync(async transaction =>
            {
                var connection = transaction.Connection!;
                await using (var lockSchema = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction) { Parameters = { new() { Value = SchemaLockKey } } })
                {
                    await lockSchema.ExecuteNonQueryAsync(token);
                }

                await using var apply = new NpgsqlCommand(schemaSql, connection, transaction);
                await apply.ExecuteNonQueryAsync(token);
            }, token), cancellationToken).AsTask();

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
