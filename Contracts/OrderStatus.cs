namespace Alexandrite.Contracts;

/// <summary>
/// The statuses of an order: the happy path in lifecycle order, then the failure ends. Stored and sent as
/// their SCREAMING_SNAKE names (see <see cref="OrderStatusNames"/>), the names the business uses.
/// <see cref="OrderLifecycle"/> says which service sets each one and which transitions are legal.
/// </summary>
public enum OrderStatus
{
    Initiated,
    FileUploaded,
    Submitted,
    PriceCalculated,
    ManufacturingApproved,
    ManufacturingStarted,
    ManufacturingCompleted,
    Packaging,
    Shipped,
    Closed,

    /// <summary>MES could not price the model (unreadable, or the calculation failed or timed out).</summary>
    PriceCalculationFailed,

    /// <summary>The manager declined to manufacture at the calculated price.</summary>
    Rejected,

    /// <summary>The customer withdrew the order before submitting it.</summary>
    Cancelled,
}
