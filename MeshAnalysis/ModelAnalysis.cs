namespace Alexandrite.MeshAnalysis;

/// <summary>What the business needs to know about a valid model.</summary>
/// <param name="Format">The format found in the content (the file name only breaks ties).</param>
/// <param name="Polygons">Triangles, after OBJ faces with more corners are split into fans.</param>
/// <param name="Faces">Faces as written in the file: the triangles of an STL, the polygons of an OBJ.</param>
/// <param name="Volume">Enclosed volume in the file's units cubed (mm³ for the usual millimetre files); never negative.</param>
/// <param name="Bounds">The axis-aligned bounding box, in the file's units.</param>
/// <param name="Bytes">The size of the file.</param>
public sealed record ModelAnalysis(
    ModelFormat Format,
    long Polygons,
    long Faces,
    double Volume,
    BoundingBox Bounds,
    long Bytes);
