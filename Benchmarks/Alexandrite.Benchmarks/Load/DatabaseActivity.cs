using Dapper;
using Npgsql;

namespace Alexandrite.Benchmarks.Load;

/// <summary>
/// What the database server is busy with during a step, sampled once a second from pg_stat_activity on one
/// connection held for the whole step (a new one could be refused exactly when it matters, with 53300): the client
/// connections by database, the statements running, and what they wait on. The evidence of what bounds a rate when
/// Postgres is the busiest process.
/// </summary>
internal sealed class DatabaseActivity(NpgsqlDataSource dataSource)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Statements and waits named in the report.</summary>
    private const int Shown = 3;

    public async Task<DatabaseActivityReport> SampleUntilAsync(Task done, CancellationToken cancellationToken)
    {
        var samples = 0;
        var maxConnections = 0;
        var connectionsByDatabase = new Dictionary<string, int>(StringComparer.Ordinal);
        var active = new Dictionary<string, int>(StringComparer.Ordinal);
        var waits = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        while (!done.IsCompleted)
        {
            var rows = (await connection.QueryAsync<(string Database, string State, string Wait, string Query)>(new CommandDefinition(
                """
                SELECT coalesce(datname, ''), coalesce(state, ''), coalesce(wait_event_type || ':' || wait_event, ''),
                       left(regexp_replace(query, '\s+', ' ', 'g'), 90)
                FROM pg_stat_activity
                WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()
                """,
                cancellationToken: cancellationToken))).AsList();
            samples++;
            maxConnections = Math.Max(maxConnections, rows.Count);
            foreach (var database in rows.GroupBy(row => row.Database))
            {
                connectionsByDatabase[database.Key] = Math.Max(connectionsByDatabase.GetValueOrDefault(database.Key), database.Count());
            }

            foreach (var row in rows.Where(row => row.State == "active"))
            {
                active[row.Query] = active.GetValueOrDefault(row.Query) + 1;
                if (row.Wait.Length > 0)
                {
                    waits[row.Wait] = waits.GetValueOrDefault(row.Wait) + 1;
                }
            }

            await Task.WhenAny(done, Task.Delay(Interval, cancellationToken));
        }

        return new DatabaseActivityReport(
            samples, maxConnections, connectionsByDatabase,
            [.. Top(active, samples)], [.. Top(waits, samples)]);
    }

    /// <summary>"2.4 x UPDATE price_jobs ...": how many were running at a sample, on average, busiest first.</summary>
    private static IEnumerable<string> Top(Dictionary<string, int> counts, int samples) =>
        counts.OrderByDescending(pair => pair.Value).Take(Shown)
            .Select(pair => FormattableString.Invariant($"{(double)pair.Value / Math.Max(1, samples):0.0} x {pair.Key}"));
}

/// <param name="MaxConnections">Client connections at the busiest sample (the server allows max_connections, 100 by default).</param>
/// <param name="ActiveStatements">Statements running, as the average number running at a sample.</param>
internal sealed record DatabaseActivityReport(
    int Samples, int MaxConnections, IReadOnlyDictionary<string, int> MaxConnectionsByDatabase, IReadOnlyList<string> ActiveStatements, IReadOnlyList<string> Waits)
{
    public string Describe() =>
        FormattableString.Invariant($"connections max {MaxConnections} ({string.Join(", ", MaxConnectionsByDatabase.Select(pair => $"{pair.Key} {pair.Value}"))}); ")
        + $"running: {(ActiveStatements.Count == 0 ? "nothing" : string.Join(" | ", ActiveStatements))}; "
        + $"waiting on: {(Waits.Count == 0 ? "nothing" : string.Join(", ", Waits))}";
}
