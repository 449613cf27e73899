namespace Alexandrite.Contracts;

/// <summary>A status change the <see cref="OrderLifecycle"/> does not allow; the APIs answer it with 409.</summary>
public sealed class IllegalTransitionException(Guid orderId, OrderStatus from, OrderStatus to)
    : InvalidOperationException($"Order {orderId} is {from.ToName()}; it cannot become {to.ToName()}.")
{
    public Guid OrderId { get; } = orderId;

    public OrderStatus From { get; } = from;

    public OrderStatus To { get; } = to;
}
