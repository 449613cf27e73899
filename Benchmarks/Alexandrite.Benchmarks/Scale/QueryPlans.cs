using Npgsql;

namespace Alexandrite.Benchmarks.Scale;

/// <summary>EXPLAIN (ANALYZE, BUFFERS) of a command as it was sent, in a transaction rolled back, so an INSERT it holds changes nothing.</summary>
internal static class QueryPlans
{
    public static async Task<IReadOnlyList<string>> ExplainAsync(NpgsqlDataSource dataSource, string commandText, IEnumerable<NpgsqlParameter> parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + commandText, connection, transaction);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter.Clone());
        }

        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                plan.Add(reader.GetString(0));
            }
        }

        await transaction.RollbackAsync(cancellationToken);
        return plan;
    }
}
