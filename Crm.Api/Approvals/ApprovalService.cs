using Alexandrite.Contracts;
using Alexandrite.Contracts.Messages;
using Alexandrite.Messaging.Outbox;
using Alexandrite.ServiceDefaults.Telemetry;
using Alexandrite.ShopDatabase;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Alexandrite.Crm.Api.Approvals;

/// <summary>
/// CRM's decisions about priced orders: record the price, approve automatically under the limit or wait for
/// the manager, approve or reject on the manager's word. An approval is announced to MES through the outbox.
/// </summary>
internal sealed partial class ApprovalService(
    NpgsqlDataSource dataSource,
    OrderStatusStore statuses,
    PriceQuotes quotes,
    IOutbox outbox,
    IOptions<ApprovalOptions> options,
    ILogger<ApprovalService> logger)
{
    private static readonly StatusActor PriceCalculation = new(ResourceNames.MesApi, "price-calculation");
    private static readonly StatusActor AutoApproval = new(ResourceNames.CrmApi, "auto-approval");

    /// <summary>Applies MES's price in the delivery's transaction, and approves at once when it is under the limit.</summary>
    public async Task ApplyPriceAsync(NpgsqlTransaction transaction, PriceCalculated priced, CancellationToken cancellationToken)
    {
        using (var activity = OrderTelemetry.StartOperation(SpanNames.RecordPrice, priced.OrderId))
        {
            activity?.SetTag(SemanticAttributes.OrderPolygons, priced.Polygons);
            activity?.SetTag(SemanticAttributes.OrderCalculationDuration, priced.CalculationTime.TotalSeconds);
            await statuses.TransitionAsync(transaction, priced.OrderId, OrderStatus.PriceCalculated, PriceCalculation, reason: null, cancellationToken);
            await quotes.RecordAsync(transaction, priced.OrderId, priced.Price, priced.Currency, cancellationToken);
            activity.SetOutcome("ok");
        }

        if (priced.Price <= options.Value.AutoApproveLimit)
        {
            using var approval = OrderTelemetry.StartOperation(SpanNames.ApproveOrder, priced.OrderId);
            await ApproveAsync(transaction, priced.OrderId, AutoApproval, cancellationToken);
            approval.SetOutcome("ok");
        }
        else
        {
            LogAwaitingManager(logger, priced.OrderId, priced.Price, options.Value.AutoApproveLimit);
        }
    }

    public async Task ApproveAsync(Guid orderId, string managerId, CancellationToken cancellationToken)
    {
        using var activity = OrderTelemetry.StartOperation(SpanNames.ApproveOrder, orderId, await OrderStatusStore.OrderTraceAsync(dataSource, orderId, cancellationToken));
        await dataSource.InTransactionAsync(transaction => ApproveAsync(transaction, orderId, new StatusActor(ResourceNames.CrmApi, managerId), cancellationToken), cancellationToken);
        activity.SetOutcome("ok");
    }

    public async Task RejectAsync(Guid orderId, string managerId, string reason, CancellationToken cancellationToken)
    {
        using var activity = OrderTelemetry.StartOperation(SpanNames.RejectOrder, orderId, await OrderStatusStore.OrderTraceAsync(dataSource, orderId, cancellationToken));
        await dataSource.InTransactionAsync(async transaction =>
        {
            await statuses.TransitionAsync(transaction, orderId, OrderStatus.Rejected, new StatusActor(ResourceNames.CrmApi, managerId), reason, cancellationToken);
            await quotes.DecideAsync(transaction, orderId, "rejected", managerId, cancellationToken);
        }, cancellationToken);
        activity.SetOutcome("ok");
    }

    public Task<IReadOnlyList<PendingApproval>> PendingAsync(CancellationToken cancellationToken) => quotes.PendingAsync(cancellationToken);

    private async Task ApproveAsync(NpgsqlTransaction transaction, Guid orderId, StatusActor actor, CancellationToken cancellationToken)
    {
        await statuses.TransitionAsync(transaction, orderId, OrderStatus.ManufacturingApproved, actor, reason: null, cancellationToken);
        await quotes.DecideAsync(transaction, orderId, "approved", actor.ActorId, cancellationToken);
        var (price, material) = await PriceQuotes.ReadAsync(transaction, orderId, cancellationToken);
        await outbox.EnqueueAsync(transaction, new ManufacturingApproved(orderId, material, price, actor.ActorId), cancellationToken);
        LogApproved(logger, orderId, actor.ActorId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} priced at {Price}, above the automatic limit of {Limit}: waiting for the manager")]
    private static partial void LogAwaitingManager(ILogger logger, Guid orderId, decimal price, decimal limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} approved for manufacturing by {ApprovedBy}")]
    private static partial void LogApproved(ILogger logger, Guid orderId, string approvedBy);
}
