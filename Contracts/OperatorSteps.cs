namespace Alexandrite.Contracts;

/// <summary>
/// The MES operator's steps by name (the last segment of Mes.Api's POST /api/operator/orders/{id}/{step}) and the
/// status each sets: Mes.Api maps its routes from this, Shop.Web's back office offers the next one.
/// </summary>
public static class OperatorSteps
{
    public static readonly IReadOnlyDictionary<string, OrderStatus> Targets = new Dictionary<string, OrderStatus>(StringComparer.Ordinal)
    {
        ["start"] = OrderStatus.ManufacturingStarted,
        ["complete"] = OrderStatus.ManufacturingCompleted,
        ["package"] = OrderStatus.Packaging,
        ["ship"] = OrderStatus.Shipped,
    };

    /// <summary>The step the lifecycle allows next from <paramref name="status"/>, or null when the operator has none.</summary>
    public static string? NextFrom(OrderStatus status) =>
        Targets.Where(step => OrderLifecycle.CanTransition(status, step.Value)).Select(step => step.Key).FirstOrDefault();
}
