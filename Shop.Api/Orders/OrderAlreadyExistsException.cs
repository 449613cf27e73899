namespace Alexandrite.Shop.Api.Orders;

/// <summary>A client chose an order id that is taken; Shop.Api answers 409.</summary>
internal sealed class OrderAlreadyExistsException(Guid orderId) : InvalidOperationException($"An order with the id {orderId} already exists.");
