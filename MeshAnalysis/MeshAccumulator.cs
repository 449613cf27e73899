using System.Globalization;

namespace Alexandrite.MeshAnalysis;

/// <summary>
/// Takes the triangles one at a time, as the parsers find them, and keeps only what the analysis needs: count,
/// bounds and volume. Nothing grows with the number of triangles.
/// </summary>
/// <remarks>
/// Volume by the divergence theorem: the signed volumes of the tetrahedra formed by each triangle and one fixed
/// point add up to the enclosed volume of a closed mesh, whatever the point
/// (https://en.wikipedia.org/wiki/Polyhedron#Volume). The usual point is the origin; the first vertex is used
/// instead because it gives the same result for a closed mesh, keeps precision for models far from the origin,
/// and gives exactly no volume for a flat surface wherever it lies.
/// </remarks>
internal sealed class MeshAccumulator(long maxPolygons)
{
    /// <summary>Below this fraction of the bounding cube the volume is rounding noise of a flat surface.</summary>
    private const double FlatnessTolerance = 1e-9;

    private Point3 reference;
    private Point3 min;
    private Point3 max;
    private double sixTimesVolume;

    public long Triangles { get; private set; }

    public void Add(Point3 a, Point3 b, Point3 c)
    {
        if (Triangles == maxPolygons)
        {
            throw new InvalidModelException(
                ModelRejection.TooManyPolygons,
                string.Create(CultureInfo.InvariantCulture, $"The model has more than {maxPolygons:N0} triangles; please simplify it."));
        }

        if (Triangles == 0)
        {
            reference = a;
            min = a;
            max = a;
        }

        Include(a);
        Include(b);
        Include(c);

        var (ax, ay, az) = (a.X - reference.X, a.Y - reference.Y, a.Z - reference.Z);
        var (bx, by, bz) = (b.X - reference.X, b.Y - reference.Y, b.Z - reference.Z);
        var (cx, cy, cz) = (c.X - reference.X, c.Y - reference.Y, c.Z - reference.Z);
        sixTimesVolume += ax * (by * cz - bz * cy) + ay * (bz * cx - bx * cz) + az * (bx * cy - by * cx);
        Triangles++;
    }

    public ModelAnalysis ToAnalysis(ModelFormat format, long faces, long bytes)
    {
        if (Triangles == 0)
        {
            throw new InvalidModelException(ModelRejection.NoVolume, "The model has no triangles, so it has no volume.");
        }

        // Winding decides the sign: inward-facing triangles give the same volume, negated.
        var volume = Math.Abs(sixTimesVolume / 6);
        var longestSide = Math.Max(max.X - min.X, Math.Max(max.Y - min.Y, max.Z - min.Z));
        var boundingCube = longestSide * longestSide * longestSide;
        if (!double.IsFinite(volume) || !double.IsFinite(boundingCube))
        {
            throw new InvalidModelException(ModelRejection.Malformed, "The model's coordinates are too large to measure.");
        }

        if (volume <= FlatnessTolerance * boundingCube)
        {
            throw new InvalidModelException(
                ModelRejection.NoVolume,
                "The model has no volume: it is flat, or all its triangles are degenerate.");
        }

        return new ModelAnalysis(format, Triangles, faces, volume, new BoundingBox(min, max), bytes);
    }

    private void Include(Point3 p)
    {
        min = new Point3(Math.Min(min.X, p.X), Math.Min(min.Y, p.Y), Math.Min(min.Z, p.Z));
        max = new Point3(Math.Max(max.X, p.X), Math.Max(max.Y, p.Y), Math.Max(max.Z, p.Z));
    }
}
