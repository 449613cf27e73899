namespace Alexandrite.Mes.Api.Pricing;

/// <summary>A price calculation as the MES DB holds it.</summary>
internal sealed record PriceJob
{
    public Guid OrderId { get; init; }
    public string FileId { get; init; } = "";
    public string Material { get; init; } = "";
    public int Attempts { get; init; }
    public long? Polygons { get; init; }
    public double? Volume { get; init; }
    public long? PlannedMs { get; init; }
    public long ProgressMs { get; init; }
    public string TraceContext { get; init; } = "{}";
}

/// <summary>
/// A price calculation as support reads it (GET /api/price-jobs/{orderId}): pending, running, done or failed, how many
/// times it was taken, how far it got, and why it waits to be tried again, if it does.
/// </summary>
internal sealed record PriceJobAccount
{
    public Guid OrderId { get; init; }
    public string Status { get; init; } = "";
    public int Attempts { get; init; }
    public long ProgressMs { get; init; }
    public long? PlannedMs { get; init; }
    public string? LastProblem { get; init; }
    public DateTime? LastProblemAt { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? StartedAt { get; init; }
    public DateTime? FinishedAt { get; init; }

    /// <summary>The Mes.Api process (host/pid) that took it last: with several instances, where to look.</summary>
    public string? ClaimedBy { get; init; }
}
