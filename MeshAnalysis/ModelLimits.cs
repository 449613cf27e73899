namespace Alexandrite.MeshAnalysis;

/// <summary>How large an upload the analyzer accepts, in bytes and in triangles.</summary>
public sealed record ModelLimits
{
    /// <summary>50 MiB, 5 million triangles: a binary STL of 50 MiB holds about a million triangles.</summary>
    public static ModelLimits Default { get; } = new(50 * 1024 * 1024, 5_000_000);

    public ModelLimits(long maxBytes, long maxPolygons)
    {
        // The whole file is held in one array, so it must fit one, plus the byte that proves an upload too large.
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(maxBytes, Array.MaxLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPolygons, 1);
        MaxBytes = maxBytes;
        MaxPolygons = maxPolygons;
    }

    public long MaxBytes { get; }

    public long MaxPolygons { get; }
}
