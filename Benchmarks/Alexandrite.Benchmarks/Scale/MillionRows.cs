using System.Diagnostics;
using Dapper;
using Npgsql;

namespace Alexandrite.Benchmarks.Scale;

/// <summary>Seeds <see cref="SeedSql"/> into the running system's databases and brings the planner's statistics up to date.</summary>
internal static class MillionRows
{
    /// <summary>Seeding a million rows with their indexes takes minutes on a busy machine.</summary>
    private const int SeedTimeoutSeconds = 1200;

    public static async Task<TimeSpan> SeedAsync(NpgsqlDataSource shopDb, NpgsqlDataSource mesDb, int rows, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(
            RunAsync(shopDb, SeedSql.Orders, "orders", rows, cancellationToken),
            RunAsync(mesDb, SeedSql.Jobs, "manufacturing_jobs, price_jobs", rows, cancellationToken));
        return clock.Elapsed;
    }

    private static async Task RunAsync(NpgsqlDataSource dataSource, string sql, string tables, int rows, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition(sql, new { Rows = rows }, transaction, SeedTimeoutSeconds, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }

        // As autovacuum would soon after, and as years of trade leave a table: statistics the planner knows, and every
        // page vacuumed (visibility map and hint bits set). With ANALYZE alone, the first reads wrote the hint bits of a
        // million fresh rows and the insert-triggered autovacuum ran while the queries were being timed.
        await connection.ExecuteAsync(new CommandDefinition($"VACUUM (ANALYZE) {tables}", commandTimeout: SeedTimeoutSeconds, cancellationToken: cancellationToken));
    }
}
