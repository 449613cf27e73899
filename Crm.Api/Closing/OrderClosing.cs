using Alexandrite.Contracts;
using Alexandrite.ServiceDefaults.Telemetry;
using Alexandrite.ShopDatabase;
using Dapper;
using Npgsql;

namespace Alexandrite.Crm.Api.Closing;

/// <summary>Closes shipped orders: when the customer confirms receipt, or once they have been shipped long enough.</summary>
internal sealed class OrderClosing(NpgsqlDataSource dataSource, OrderStatusStore statuses, TimeProvider time)
{
    /// <summary>The customer (<paramref name="account"/>, recorded as the actor) has the piece.</summary>
    public Task ConfirmReceiptAsync(Guid orderId, string account, CancellationToken cancellationToken) =>
        CloseAsync(orderId, new StatusActor(ResourceNames.CrmApi, account), "Receipt confirmed", cancellationToken);

    private async Task CloseAsync(Guid orderId, StatusActor actor, string reason, CancellationToken cancellationToken)
    {
        using var activity = OrderTelemetry.StartOperation(SpanNames.CloseOrder, orderId, await OrderStatusStore.OrderTraceAsync(dataSource, orderId, cancellationToken));
        await dataSource.InTransactionAsync(transaction => statuses.TransitionAsync(transaction, orderId, OrderStatus.Closed, actor, reason, cancellationToken), cancellationToken);
        activity.SetOutcome("ok");
    }

    /// <summary>Closes every order shipped before <paramref name="shippedBefore"/> ago; returns how many.</summary>
    public async Task<int> CloseShippedAsync(TimeSpan shippedBefore, CancellationToken cancellationToken)
    {
        IReadOnlyList<Guid> due;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            due = (await connection.QueryAsync<Guid>(new CommandDefinition(
                "SELECT id FROM orders WHERE status = @Shipped AND updated_at < @Cutoff ORDER BY updated_at LIMIT 100",
                new { Shipped = OrderStatus.Shipped.ToName(), Cutoff = time.GetUtcNow() - shippedBefore },
                cancellationToken: cancellationToken))).AsList();
        }

        var closed = 0;
        foreach (var orderId in due)
        {
            try
            {
                await CloseAsync(orderId, new StatusActor(ResourceNames.CrmApi, "auto-close"), $"Closed automatically {shippedBefore} after shipping", cancellationToken);
                closed++;
            }
            catch (IllegalTransitionException)
            {
                // The customer confirmed receipt in the meantime.
            }
        }

        return closed;
    }
}
