using Alexandrite.Contracts.Messages;
using Alexandrite.Messaging.Consuming;
using Alexandrite.ServiceDefaults.Telemetry;

namespace Alexandrite.Mes.Api.Manufacturing;

/// <summary>An approved order joins the operator's queue.</summary>
internal sealed class ManufacturingApprovedHandler(ManufacturingJobs jobs) : IMessageHandler<ManufacturingApproved>
{
    public async Task HandleAsync(ManufacturingApproved message, MessageContext context, CancellationToken cancellationToken)
    {
        using var activity = OrderTelemetry.StartOperation(SpanNames.QueueManufacturing, message.OrderId);
        activity?.SetTag(SemanticAttributes.OrderMaterial, message.Material);
        await jobs.AddApprovedAsync(context.Transaction, message, cancellationToken);
        activity.SetOutcome("ok");
    }
}
