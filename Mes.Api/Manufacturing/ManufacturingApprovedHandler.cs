using Alexandrite.Contracts.Messages;
using Alexandrite.Messaging.Consuming;

namespace Alexandrite.Mes.Api.Manufacturing;

/// <summary>An approved order joins the operator's queue.</summary>
internal sealed class ManufacturingApprovedHandler(ManufacturingJobs jobs) : IMessageHandler<ManufacturingApproved>
{
    public Task HandleAsync(ManufacturingApproved message, MessageContext context, CancellationToken cancellationToken) =>
        jobs.AddApprovedAsync(context.Transaction, message, cancellationToken);
}
