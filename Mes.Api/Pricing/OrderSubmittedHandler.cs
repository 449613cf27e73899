using Alexandrite.Contracts.Messages;
using Alexandrite.Messaging.Consuming;
using Alexandrite.ServiceDefaults.Telemetry;

namespace Alexandrite.Mes.Api.Pricing;

/// <summary>
/// Queues the calculation and lets the delivery be acknowledged at once: a calculation can take longer than
/// RabbitMQ's consumer timeout, so it must not hold the delivery (https://www.rabbitmq.com/docs/consumers#acknowledgement-timeout).
/// </summary>
internal sealed class OrderSubmittedHandler(PriceJobs jobs) : IMessageHandler<OrderSubmitted>
{
    public async Task HandleAsync(OrderSubmitted message, MessageContext context, CancellationToken cancellationToken)
    {
        using var activity = OrderTelemetry.StartOperation(SpanNames.QueuePriceCalculation, message.OrderId);
        activity?.SetTag(SemanticAttributes.OrderFileId, message.FileId);
        activity?.SetTag(SemanticAttributes.OrderPolygons, message.Polygons);
        activity?.SetTag(SemanticAttributes.OrderMaterial, message.Material);
        await jobs.QueueAsync(context.Transaction, message.OrderId, message.FileId, message.Material, cancellationToken);
        activity.SetOutcome("ok");
    }
}
