using System.Buffers.Binary;
using System.Globalization;

namespace Alexandrite.MeshAnalysis;

/// <summary>
/// Binary STL (https://en.wikipedia.org/wiki/STL_(file_format)#Binary): an 80-byte header, a little-endian
/// uint32 triangle count, then 50 bytes per triangle: normal (3 float32, ignored: the winding is the truth),
/// three vertices (9 float32) and a 2-byte attribute count.
/// </summary>
internal static class BinaryStlParser
{
    private const int HeaderBytes = 80;
    private const int PreambleBytes = HeaderBytes + sizeof(uint);
    private const int TriangleBytes = 50;
    private const int NormalBytes = 3 * sizeof(float);

    /// <summary>
    /// The format has no magic number, so the length is the proof: the file holds exactly as many triangles as
    /// its count says. Text cannot pass by accident: four text bytes read as a count of at least 0x09090909
    /// triangles, a file of gigabytes.
    /// </summary>
    public static bool HasMatchingLength(ReadOnlySpan<byte> content) =>
        content.Length >= PreambleBytes && content.Length == ExpectedLength(DeclaredTriangles(content));

    public static ModelAnalysis Parse(ReadOnlySpan<byte> content, ModelLimits limits)
    {
        if (content.Length < PreambleBytes)
        {
            throw new InvalidModelException(ModelRejection.Truncated, "The STL file ends inside its 84-byte header: it is truncated.");
        }

        // The count is only trusted once the length agrees with it; nothing is allocated from it.
        var declared = DeclaredTriangles(content);
        var expected = ExpectedLength(declared);
        if (content.Length < expected)
        {
            throw new InvalidModelException(ModelRejection.Truncated, "The STL file ends before its last triangle: it is truncated.");
        }

        if (content.Length > expected)
        {
            throw new InvalidModelException(
                ModelRejection.Malformed,
                string.Create(CultureInfo.InvariantCulture, $"The STL file has {content.Length - expected:N0} bytes more than its {declared:N0} triangles need; it is damaged."));
        }

        var mesh = new MeshAccumulator(limits.MaxPolygons);
        var triangles = content[PreambleBytes..];
        for (var i = 0; i < (int)declared; i++)
        {
            var vertices = triangles.Slice(i * TriangleBytes + NormalBytes, 9 * sizeof(float));
            mesh.Add(ReadVertex(vertices, 0, i), ReadVertex(vertices, 1, i), ReadVertex(vertices, 2, i));
        }

        return mesh.ToAnalysis(ModelFormat.StlBinary, mesh.Triangles, content.Length);
    }

    private static uint DeclaredTriangles(ReadOnlySpan<byte> content) => BinaryPrimitives.ReadUInt32LittleEndian(content[HeaderBytes..]);

    private static long ExpectedLength(uint triangles) => PreambleBytes + (long)triangles * TriangleBytes;

    private static Point3 ReadVertex(ReadOnlySpan<byte> vertices, int corner, int triangle)
    {
        var xyz = vertices.Slice(corner * 3 * sizeof(float), 3 * sizeof(float));
        var x = BinaryPrimitives.ReadSingleLittleEndian(xyz);
        var y = BinaryPrimitives.ReadSingleLittleEndian(xyz[sizeof(float)..]);
        var z = BinaryPrimitives.ReadSingleLittleEndian(xyz[(2 * sizeof(float))..]);
        if (!float.IsFinite(x) || !float.IsFinite(y) || !float.IsFinite(z))
        {
            throw new InvalidModelException(
                ModelRejection.Malformed,
                string.Create(CultureInfo.InvariantCulture, $"The STL file's triangle {triangle + 1:N0} has a coordinate that is not a number."));
        }

        return new Point3(x, y, z);
    }
}
