using System.Buffers.Binary;
using System.Numerics;

namespace Alexandrite.UnitTests.MeshAnalysis;

/// <summary>
/// The triangles of a binary STL read independently of the library, so tests can edit them and check the
/// samples' geometry (https://en.wikipedia.org/wiki/STL_(file_format)#Binary).
/// </summary>
internal static class StlTriangles
{
    public const int Start = 84;
    public const int Size = 50;

    public static List<(Vector3 Normal, Vector3 A, Vector3 B, Vector3 C)> Read(byte[] stl)
    {
        var count = (int)BinaryPrimitives.ReadUInt32LittleEndian(stl.AsSpan(80));
        return Enumerable.Range(0, count)
            .Select(i => (Vertex(stl, i, 0), Vertex(stl, i, 1), Vertex(stl, i, 2), Vertex(stl, i, 3)))
            .ToList();
    }

    /// <summary>The same file with two corners of every triangle swapped: every triangle faces inwards.</summary>
    public static byte[] Inverted(byte[] stl)
    {
        var inverted = (byte[])stl.Clone();
        for (var offset = Start; offset < inverted.Length; offset += Size)
        {
            stl.AsSpan(offset + 24, 12).CopyTo(inverted.AsSpan(offset + 36));
            stl.AsSpan(offset + 36, 12).CopyTo(inverted.AsSpan(offset + 24));
        }

        return inverted;
    }

    /// <summary>Corner 0 is the stored normal, 1 to 3 the vertices.</summary>
    private static Vector3 Vertex(byte[] stl, int triangle, int corner)
    {
        var xyz = stl.AsSpan(Start + triangle * Size + corner * 12);
        return new Vector3(
            BinaryPrimitives.ReadSingleLittleEndian(xyz),
            BinaryPrimitives.ReadSingleLittleEndian(xyz[4..]),
            BinaryPrimitives.ReadSingleLittleEndian(xyz[8..]));
    }
}
