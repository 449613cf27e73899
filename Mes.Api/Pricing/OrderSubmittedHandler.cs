using Alexandrite.Contracts.Messages;
using Alexandrite.Messaging.Consuming;

namespace Alexandrite.Mes.Api.Pricing;

/// <summary>
/// Queues the calculation and lets the delivery be acknowledged at once: a calculation can take longer than
/// RabbitMQ's consumer timeout, so it must not hold the delivery (https://www.rabbitmq.com/docs/consumers#acknowledgement-timeout).
/// </summary>
internal sealed class OrderSubmittedHandler(PriceJobs jobs) : IMessageHandler<OrderSubmitted>
{
    public Task HandleAsync(OrderSubmitted message, MessageContext context, CancellationToken cancellationToken) =>
        jobs.QueueAsync(context.Transaction, message.OrderId, message.FileId, message.Material, cancellationToken);
}
