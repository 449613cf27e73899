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
