using Dapper;
using Npgsql;

namespace Alexandrite.Crm.Api.Approvals;

/// <summary>crm.price_quotes, and the price shown on the order in the Shop DB.</summary>
internal sealed class PriceQuotes(NpgsqlDataSource dataSource, TimeProvider time)
{
    public async Task RecordAsync(NpgsqlTransaction transaction, Guid orderId, decimal price, string currency, CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO crm.price_quotes (order_id, price, currency, quoted_at) VALUES (@orderId, @price, @currency, @Now)
            ON CONFLICT (order_id) DO UPDATE SET price = EXCLUDED.price, currency = EXCLUDED.currency, quoted_at = EXCLUDED.quoted_at;
            UPDATE orders SET price = @price, currency = @currency WHERE id = @orderId;
            """,
            new { orderId, price, currency, Now = time.GetUtcNow() },
            transaction,
            cancellationToken: cancellationToken));

    public async Task DecideAsync(NpgsqlTransaction transaction, Guid orderId, string decision, string decidedBy, CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "UPDATE crm.price_quotes SET decision = @decision, decided_by = @decidedBy, decided_at = @Now WHERE order_id = @orderId",
            new { orderId, decision, decidedBy, Now = time.GetUtcNow() },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>The price and material the approval message carries.</summary>
    public static async Task<(decimal Price, string Material)> ReadAsync(NpgsqlTransaction transaction, Guid orderId, CancellationToken cancellationToken) =>
        await transaction.Connection!.QuerySingleAsync<(decimal, string)>(new CommandDefinition(
            "SELECT q.price, o.material FROM crm.price_quotes q JOIN orders o ON o.id = q.order_id WHERE q.order_id = @orderId",
            new { orderId },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>Priced orders waiting for the manager, oldest first.</summary>
    public async Task<IReadOnlyList<PendingApproval>> PendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var pending = await connection.QueryAsync<PendingApproval>(new CommandDefinition(
            """
            SELECT q.order_id AS OrderId, q.price AS Price, q.currency AS Currency, o.material AS Material, q.quoted_at AS QuotedAt
            FROM crm.price_quotes q JOIN orders o ON o.id = q.order_id
            WHERE q.decision IS NULL AND o.status = 'PRICE_CALCULATED'
            ORDER BY q.quoted_at
            """,
            cancellationToken: cancellationToken));
        return pending.AsList();
    }
}

internal sealed record PendingApproval(Guid OrderId, decimal Price, string Currency, string Material, DateTime QuotedAt);
