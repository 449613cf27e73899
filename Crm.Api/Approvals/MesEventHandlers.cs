using Alexandrite.Contracts;
using Alexandrite.Contracts.Messages;
using Alexandrite.Messaging.Consuming;
using Alexandrite.ServiceDefaults.Telemetry;
using Alexandrite.ShopDatabase;
using System.Diagnostics;

namespace Alexandrite.Crm.Api.Approvals;

/// <summary>MES priced the order: record the status and price in the Shop DB, and approve when CRM may.</summary>
internal sealed class PriceCalculatedHandler(ApprovalService approvals) : IMessageHandler<PriceCalculated>
{
    public Task HandleAsync(PriceCalculated message, MessageContext context, CancellationToken cancellationToken) =>
        approvals.ApplyPriceAsync(context.Transaction, message, cancellationToken);
}

/// <summary>MES could not price the order: it ends in PRICE_CALCULATION_FAILED, with MES's reason.</summary>
internal sealed class PriceCalculationFailedHandler(OrderStatusStore statuses) : IMessageHandler<PriceCalculationFailed>
{
    public async Task HandleAsync(PriceCalculationFailed message, MessageContext context, CancellationToken cancellationToken)
    {
        using var activity = OrderTelemetry.StartOperation(SpanNames.RecordPricingFailure, message.OrderId);
        await statuses.TransitionAsync(context.Transaction, message.OrderId, OrderStatus.PriceCalculationFailed,
            new StatusActor(ResourceNames.MesApi, "price-calculation"), $"{message.Outcome}: {message.Reason}", cancellationToken);

        // The order has failed: the span says so, so the failure is red in the order's trace here as well as in MES.
        activity?.SetStatus(ActivityStatusCode.Error, message.Reason);
        activity.SetOutcome(message.Outcome);
    }
}

/// <summary>An operator moved the order along on the shop floor: the Shop DB follows.</summary>
internal sealed class ManufacturingProgressedHandler(OrderStatusStore statuses) : IMessageHandler<ManufacturingProgressed>
{
    public async Task HandleAsync(ManufacturingProgressed message, MessageContext context, CancellationToken cancellationToken)
    {
        using var activity = OrderTelemetry.StartOperation(SpanNames.RecordManufacturingProgress, message.OrderId);
        activity?.SetTag(SemanticAttributes.OrderOperatorId, message.OperatorId);
        await statuses.TransitionAsync(context.Transaction, message.OrderId, OrderStatusNames.Parse(message.To),
            new StatusActor(ResourceNames.MesApi, message.OperatorId), reason: null, cancellationToken);
        activity.SetOutcome("ok");
    }
}
