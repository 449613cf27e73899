using Alexandrite.MeshAnalysis;

namespace Alexandrite.Shop.Api.Orders;

/// <summary>Limits on uploaded 3D models, bound from the "Upload" section.</summary>
public sealed class UploadOptions
{
    public const string SectionName = "Upload";

    public long MaxBytes { get; set; } = ModelLimits.Default.MaxBytes;

    public long MaxPolygons { get; set; } = ModelLimits.Default.MaxPolygons;

    internal ModelLimits ToLimits() => new(MaxBytes, MaxPolygons);
}
