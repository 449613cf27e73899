using Dapper;
using Npgsql;

namespace Alexandrite.Mes.Api.Operator;

/// <summary>The operator's work list: approved orders not yet shipped, oldest first.</summary>
internal sealed class OperatorQueue(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<QueuedJob>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var jobs = await connection.QueryAsync<QueuedJob>(new CommandDefinition(
            """
            SELECT order_id AS OrderId, status AS Status, material AS Material, approved_at AS ApprovedAt
            FROM manufacturing_jobs WHERE status <> 'SHIPPED' ORDER BY approved_at
            """,
            cancellationToken: cancellationToken));
        return jobs.AsList();
    }
}

internal sealed record QueuedJob(Guid OrderId, string Status, string Material, DateTime ApprovedAt);
