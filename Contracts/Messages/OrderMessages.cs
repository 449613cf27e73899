namespace Alexandrite.Contracts.Messages;

/// <summary>Shop.Api: the customer submitted the order with its uploaded model; MES prices it.</summary>
public sealed record OrderSubmitted(Guid OrderId, string FileId, string Material, long Polygons, double Volume) : IOrderMessage<OrderSubmitted>
{
    public static string MessageType => "order.submitted";
}

/// <summary>Mes.Api: the price is known. CRM records it and approves or waits for the manager.</summary>
public sealed record PriceCalculated(Guid OrderId, decimal Price, string Currency, long Polygons, double Volume, TimeSpan CalculationTime) : IOrderMessage<PriceCalculated>
{
    public static string MessageType => "order.price-calculated";
}

/// <summary>Mes.Api: the model could not be priced. <paramref name="Outcome"/> is "fail" or "timeout".</summary>
public sealed record PriceCalculationFailed(Guid OrderId, string Reason, string Outcome) : IOrderMessage<PriceCalculationFailed>
{
    public static string MessageType => "order.price-calculation-failed";
}

/// <summary>Crm.Api: manufacturing may start; MES puts the order in the operator's queue.</summary>
public sealed record ManufacturingApproved(Guid OrderId, string Material, decimal Price, string ApprovedBy) : IOrderMessage<ManufacturingApproved>
{
    public static string MessageType => "order.manufacturing-approved";
}

/// <summary>Mes.Api: an operator moved the order along (started, completed, packaging, shipped).</summary>
public sealed record ManufacturingProgressed(Guid OrderId, string From, string To, string OperatorId, DateTimeOffset At) : IOrderMessage<ManufacturingProgressed>
{
    public static string MessageType => "order.manufacturing-progressed";
}
