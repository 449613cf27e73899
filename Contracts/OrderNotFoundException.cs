namespace Alexandrite.Contracts;

/// <summary>No order has this id; the APIs answer it with 404.</summary>
public sealed class OrderNotFoundException(Guid orderId) : InvalidOperationException($"No order has the id {orderId}.")
{
    public Guid OrderId { get; } = orderId;
}
