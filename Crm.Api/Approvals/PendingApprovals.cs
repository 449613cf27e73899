using Dapper;
using Npgsql;

namespace Alexandrite.Crm.Api.Approvals;

/// <summary>Priced orders waiting for the manager's decision, oldest first.</summary>
internal sealed class PendingApprovals(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<PendingApproval>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var pending = await connection.QueryAsync<PendingApproval>(new CommandDefinition(
            """
            SELECT order_id AS OrderId, price AS Price, currency AS Currency, quoted_at AS QuotedAt
            FROM crm.price_quotes WHERE decided_at IS NULL ORDER BY quoted_at
            """,
            cancellationToken: cancellationToken));
        return pending.AsList();
    }
}

internal sealed record PendingApproval(Guid OrderId, decimal Price, string Currency, DateTime QuotedAt);
