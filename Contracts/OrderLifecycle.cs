using System.Collections.Frozen;

namespace Alexandrite.Contracts;

/// <summary>
/// The order state machine: the one place that says which status may follow which, and which service owns
/// (sets) each status. Every status change in every service is checked here before it is written.
/// </summary>
public static class OrderLifecycle
{
    private static readonly FrozenDictionary<OrderStatus, OrderStatus[]> Next = new Dictionary<OrderStatus, OrderStatus[]>
    {
        [OrderStatus.Initiated] = [OrderStatus.FileUploaded, OrderStatus.Cancelled],
        [OrderStatus.FileUploaded] = [OrderStatus.Submitted, OrderStatus.Cancelled],
        [OrderStatus.Submitted] = [OrderStatus.PriceCalculated, OrderStatus.PriceCalculationFailed],
        [OrderStatus.PriceCalculated] = [OrderStatus.ManufacturingApproved, OrderStatus.Rejected],
        [OrderStatus.ManufacturingApproved] = [OrderStatus.ManufacturingStarted],
        [OrderStatus.ManufacturingStarted] = [OrderStatus.ManufacturingCompleted],
        [OrderStatus.ManufacturingCompleted] = [OrderStatus.Packaging],
        [OrderStatus.Packaging] = [OrderStatus.Shipped],
        [OrderStatus.Shipped] = [OrderStatus.Closed],
        [OrderStatus.Closed] = [],
        [OrderStatus.PriceCalculationFailed] = [],
        [OrderStatus.Rejected] = [],
        [OrderStatus.Cancelled] = [],
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<OrderStatus, string> Owners = new Dictionary<OrderStatus, string>
    {
        [OrderStatus.Initiated] = ResourceNames.ShopApi,
        [OrderStatus.FileUploaded] = ResourceNames.ShopApi,
        [OrderStatus.Submitted] = ResourceNames.ShopApi,
        [OrderStatus.Cancelled] = ResourceNames.ShopApi,
        [OrderStatus.PriceCalculated] = ResourceNames.MesApi,
        [OrderStatus.PriceCalculationFailed] = ResourceNames.MesApi,
        [OrderStatus.ManufacturingApproved] = ResourceNames.CrmApi,
        [OrderStatus.Rejected] = ResourceNames.CrmApi,
        [OrderStatus.ManufacturingStarted] = ResourceNames.MesApi,
        [OrderStatus.ManufacturingCompleted] = ResourceNames.MesApi,
        [OrderStatus.Packaging] = ResourceNames.MesApi,
        [OrderStatus.Shipped] = ResourceNames.MesApi,
        [OrderStatus.Closed] = ResourceNames.CrmApi,
    }.ToFrozenDictionary();

    /// <summary>The service that decides this status (its resource name).</summary>
    public static string OwnerOf(OrderStatus status) => Owners[status];

    public static IReadOnlyList<OrderStatus> NextOf(OrderStatus status) => Next[status];

    /// <summary>
    /// The owner of a stage: the service whose step ends <paramref name="status"/> (it owns every status that
    /// may follow), so the one an order in this status waits on. Null for a final status.
    /// </summary>
    public static string? StageOwnerOf(OrderStatus status) => Next[status] is [var next, ..] ? Owners[next] : null;

    public static bool CanTransition(OrderStatus from, OrderStatus to) => Next[from].Contains(to);

    /// <summary>
    /// The statuses an order in <paramref name="status"/> still has ahead when all goes well (each status's first
    /// successor, up to a final one), in order: what support's journey shows as not reached yet. Empty once final.
    /// </summary>
    public static IReadOnlyList<OrderStatus> AheadOf(OrderStatus status)
    {
        var ahead = new List<OrderStatus>();
        for (var current = status; Next[current] is [var next, ..]; current = next)
        {
            ahead.Add(next);
        }

        return ahead;
    }

    /// <summary>
    /// <paramref name="to"/> comes later in the order's life than the status after <paramref name="from"/>: a message
    /// asking for it arrived before an earlier one (which a delayed retry can cause) and applies once that one has.
    /// </summary>
    public static bool IsLaterStage(OrderStatus from, OrderStatus to)
    {
        var reachable = new HashSet<OrderStatus>(Next[from].SelectMany(next => Next[next]));
        for (var frontier = reachable.ToList(); frontier.Count > 0;)
        {
            frontier = frontier.SelectMany(status => Next[status]).Where(reachable.Add).ToList();
        }

        return reachable.Contains(to);
    }

    /// <summary>No status follows: the order's life is over.</summary>
    public static bool IsFinal(OrderStatus status) => Next[status].Length == 0;

    /// <summary>Throws <see cref="IllegalTransitionException"/> unless <paramref name="to"/> may follow <paramref name="from"/>.</summary>
    public static void EnsureCanTransition(Guid orderId, OrderStatus from, OrderStatus to)
    {
        if (!CanTransition(from, to))
        {
            throw new IllegalTransitionException(orderId, from, to);
        }
    }
}
