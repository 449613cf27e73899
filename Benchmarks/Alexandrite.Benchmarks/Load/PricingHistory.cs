using Alexandrite.Contracts;
using Dapper;
using Npgsql;

namespace Alexandrite.Benchmarks.Load;

/// <summary>
/// What the Shop DB's status history says about submitted orders: which are priced, and how long each took from
/// SUBMITTED (Shop.Api's change) to PRICE_CALCULATED (Crm.Api's change on Mes.Api's message), both stamped by the
/// services on this machine's clock.
/// </summary>
internal sealed class PricingHistory(NpgsqlDataSource shopDb)
{
    private static readonly string Submitted = OrderStatus.Submitted.ToName();
    private static readonly string[] Priced = [OrderStatus.PriceCalculated.ToName(), OrderStatus.PriceCalculationFailed.ToName()];

    /// <summary>Polls until every order in <paramref name="orderIds"/> is priced (or failed to be); false at the timeout.</summary>
    public async Task<bool> WaitForPricedAsync(IReadOnlyCollection<Guid> orderIds, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await CountPricedAsync(orderIds, cancellationToken) < orderIds.Count)
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        return true;
    }

    public async Task<int> CountPricedAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken cancellationToken)
    {
        await using var connection = await shopDb.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(DISTINCT order_id) FROM order_status_history WHERE to_status = ANY(@Priced) AND order_id = ANY(@Ids)",
            new { Priced, Ids = orderIds.ToArray() },
            cancellationToken: cancellationToken));
    }

    /// <summary>Milliseconds from SUBMITTED to PRICE_CALCULATED of each order that got there; failed prices and unpriced orders are left out.</summary>
    public async Task<IReadOnlyList<double>> SubmitToPricedAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken cancellationToken)
    {
        await using var connection = await shopDb.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<double>(new CommandDefinition(
            """
            SELECT extract(epoch FROM p.changed_at - s.changed_at)::double precision * 1000
            FROM order_status_history s
            JOIN order_status_history p ON p.order_id = s.order_id AND p.to_status = @PriceCalculated
            WHERE s.to_status = @Submitted AND s.order_id = ANY(@Ids)
            """,
            new { PriceCalculated = Priced[0], Submitted, Ids = orderIds.ToArray() },
            cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>When the last of <paramref name="orderIds"/> was priced, by the database's clock.</summary>
    public async Task<DateTimeOffset?> LastPricedAtAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken cancellationToken)
    {
        await using var connection = await shopDb.OpenConnectionAsync(cancellationToken);
        var last = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
            "SELECT max(changed_at) FROM order_status_history WHERE to_status = ANY(@Priced) AND order_id = ANY(@Ids)",
            new { Priced, Ids = orderIds.ToArray() },
            cancellationToken: cancellationToken));
        return last is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;
    }

    /// <summary>The database's clock now, to compare with <see cref="LastPricedAtAsync"/>.</summary>
    public async Task<DateTimeOffset> NowAsync(CancellationToken cancellationToken)
    {
        await using var connection = await shopDb.OpenConnectionAsync(cancellationToken);
        var now = await connection.ExecuteScalarAsync<DateTime>(new CommandDefinition("SELECT now()", cancellationToken: cancellationToken));
        return new DateTimeOffset(DateTime.SpecifyKind(now, DateTimeKind.Utc));
    }
}
