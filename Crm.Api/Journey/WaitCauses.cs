using Alexandrite.Contracts;
using Alexandrite.Contracts.Messages;
using Alexandrite.Crm.Api.Watchdog;
using Alexandrite.Messaging;
using Microsoft.Extensions.Options;

namespace Alexandrite.Crm.Api.Journey;

/// <summary>
/// Why an open order waits, as far as the system can tell support: a dead letter (the message was given up on), the
/// owner's queue without a consumer (the service takes nothing), and for SUBMITTED, MES's own account of the price
/// calculation (not taken yet, calculating, waiting to retry after a problem, or no answer in time: MES or its
/// database is slow or down). Each finding is one sentence; the journey shows them joined.
/// </summary>
internal sealed partial class WaitCauses(QueueStates queues, MesPriceJobs mes, IOptions<JourneyOptions> options, ILogger<WaitCauses> logger)
{
    public async Task<string?> ForAsync(OrderInStage order, CancellationToken cancellationToken)
    {
        if (order.DeadLetter is { } deadLetter)
        {
            return $"Its {deadLetter.MessageType} message was given up on and waits in the {deadLetter.Place}; it moves once support sends it back.";
        }

        if (order.OwnerService is not { } owner)
        {
            return null;
        }

        var findings = new List<string>();
        if (await queues.OfServiceAsync(owner, cancellationToken) is { Consumers: 0 } queue)
        {
            findings.Add($"{owner} is not consuming its queue {queue.Queue} ({queue.Waiting} messages waiting).");
        }

        if (order.Stage == OrderStatus.Submitted)
        {
            findings.Add(await PriceCalculationAsync(order.OrderId, cancellationToken));
        }

        return findings.Count == 0 ? null : string.Join(" ", findings);
    }

    private async Task<string> PriceCalculationAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var timeout = options.Value.OwnerAnswerTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return (await mes.GetAsync(orderId, deadline.Token)).Job switch
            {
                null => $"{ResourceNames.MesApi} has not taken the order's {OrderSubmitted.MessageType} message yet.",
                { LastProblem: { } problem, Status: "running" or "pending" } job =>
                    $"{ResourceNames.MesApi}'s price calculation waits to be tried again (attempt {job.Attempts}): {problem}",
                { Status: "running", PlannedMs: { } planned } job =>
                    $"{ResourceNames.MesApi} is calculating the price ({job.ProgressMs * 100 / Math.Max(planned, 1)}% of {TimeSpan.FromMilliseconds(planned):g}).",
                var job => $"{ResourceNames.MesApi}'s price calculation is {job.Status} (attempt {job.Attempts}).",
            };
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever went wrong asking, the journey still answers, with what MES's silence means.
            LogNoAnswer(logger, orderId, timeout, exception);
            return exception switch
            {
                HttpRequestException { StatusCode: { } status } =>
                    $"{ResourceNames.MesApi} answered {(int)status} when asked what holds the order.",
                OperationCanceledException or Polly.Timeout.TimeoutRejectedException =>
                    $"{ResourceNames.MesApi} did not say within {timeout.TotalSeconds:0.#} s what holds the order: the service or its database is slow or down.",
                _ => $"{ResourceNames.MesApi} could not be asked what holds the order ({exception.GetType().Name}): the service may be down.",
            };
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mes.Api did not account for order {OrderId} within {Timeout}")]
    private static partial void LogNoAnswer(ILogger logger, Guid orderId, TimeSpan timeout, Exception exception);
}
