using System.Diagnostics;
using Alexandrite.Contracts;

namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>
/// Business spans: one per operation on an order, named by <see cref="SpanNames"/>, carrying order.id and
/// the order.* attributes. The trace that created the order is the order's trace; an operation that happens
/// later (another HTTP request, a consumed message, a background job) is parented to that trace, and linked
/// to whatever triggered it, so the order's whole life is one tree (docs/adr/0002-one-trace-per-order.md).
/// </summary>
public static class OrderTelemetry
{
    /// <summary>
    /// Starts the span of <paramref name="operation"/> on <paramref name="orderId"/>. When the current span is
    /// already in the order's trace (a consumer of the order's message) the new span is its child; otherwise it
    /// is a child of <paramref name="orderTrace"/> with a link to the current span (the request that asked for it).
    /// The current span and everything under the new one carry order.id through baggage.
    /// </summary>
    public static Activity? StartOperation(string operation, Guid orderId, ActivityContext orderTrace = default)
    {
        var trigger = Activity.Current;
        var orderIdText = orderId.ToString();
        trigger?.SetTag(SemanticAttributes.OrderId, orderIdText);
        trigger?.SetBaggage(SemanticAttributes.OrderId, orderIdText);

        var joinsTrigger = orderTrace == default || (trigger is not null && trigger.TraceId == orderTrace.TraceId);
        IEnumerable<ActivityLink>? links = joinsTrigger || trigger is null ? null : [new ActivityLink(trigger.Context)];
        var activity = AlexandriteTelemetry.Orders.StartActivity(
            operation,
            ActivityKind.Internal,
            joinsTrigger ? trigger?.Context ?? default : orderTrace,
            tags: [new(SemanticAttributes.OrderId, orderIdText)],
            links: links);
        activity?.SetBaggage(SemanticAttributes.OrderId, orderIdText);
        return activity;
    }

    /// <summary>
    /// Asks the <see cref="OrderLifecycle"/> whether <paramref name="from"/> may become <paramref name="to"/> and
    /// marks the change on the current business span (one span per change); a refused change is that span's
    /// failure, with the exception as its event.
    /// </summary>
    /// <exception cref="IllegalTransitionException">The lifecycle does not allow the change.</exception>
    public static void Transition(Guid orderId, OrderStatus from, OrderStatus to)
    {
        try
        {
            OrderLifecycle.EnsureCanTransition(orderId, from, to);
        }
        catch (IllegalTransitionException exception)
        {
            Activity.Current.RecordFailure(exception);
            throw;
        }

        RecordTransition(from, to);
    }

    /// <summary>Marks the status change on the current business span (one span per change).</summary>
    public static void RecordTransition(OrderStatus? from, OrderStatus to)
    {
        if (Activity.Current is { } activity)
        {
            activity.SetTag(SemanticAttributes.OrderStatusFrom, from?.ToName());
            activity.SetTag(SemanticAttributes.OrderStatusTo, to.ToName());
        }
    }

    /// <summary>ok, fail, timeout or retry (the outcomes support filters by).</summary>
    public static void SetOutcome(this Activity? activity, string outcome) => activity?.SetTag(SemanticAttributes.OrderOutcome, outcome);

    /// <summary>Error status with the reason, the exception as an event, and outcome fail unless said otherwise.</summary>
    public static void RecordFailure(this Activity? activity, Exception exception, string outcome = "fail")
    {
        if (activity is null)
        {
            return;
        }

        activity.AddException(exception);
        activity.SetTag(SemanticAttributes.ErrorType, exception.GetType().FullName);
        activity.SetTag(SemanticAttributes.OrderOutcome, outcome);
        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
    }
}
