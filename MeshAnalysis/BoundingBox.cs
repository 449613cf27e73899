namespace Alexandrite.MeshAnalysis;

/// <summary>The smallest axis-aligned box that holds every vertex of the model's triangles.</summary>
public sealed record BoundingBox(Point3 Min, Point3 Max)
{
    /// <summary>The box's extent along each axis.</summary>
    public Point3 Size => new(Max.X - Min.X, Max.Y - Min.Y, Max.Z - Min.Z);
}
