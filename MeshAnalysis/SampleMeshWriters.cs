using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Alexandrite.MeshAnalysis;

/// <summary>Writes a <see cref="SampleMesh"/> in each accepted format, as real exporters do.</summary>
internal static class SampleMeshWriters
{
    /// <summary>https://en.wikipedia.org/wiki/STL_(file_format)#Binary</summary>
    public static byte[] BinaryStl(SampleMesh mesh)
    {
        var count = mesh.Faces.Sum(face => face.Length - 2);
        var bytes = new byte[84 + 50 * count];

        // A header that does not start with "solid", as the format asks of binary files.
        Encoding.ASCII.GetBytes($"Alexandrite sample {mesh.Name}", bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(80), (uint)count);
        var offset = 84;
        foreach (var (a, b, c) in mesh.Triangles())
        {
            foreach (var p in (ReadOnlySpan<Point3>)[Normal(a, b, c), a, b, c])
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(offset), (float)p.X);
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(offset + 4), (float)p.Y);
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(offset + 8), (float)p.Z);
                offset += 12;
            }

            offset += 2; // attribute byte count, 0
        }

        return bytes;
    }

    /// <summary>https://en.wikipedia.org/wiki/STL_(file_format)#ASCII</summary>
    public static string AsciiStl(SampleMesh mesh)
    {
        var stl = new StringBuilder();
        stl.Append(CultureInfo.InvariantCulture, $"solid {mesh.Name}\n");
        foreach (var (a, b, c) in mesh.Triangles())
        {
            stl.Append(CultureInfo.InvariantCulture, $"  facet normal {Coordinates(Normal(a, b, c))}\n");
            stl.Append("    outer loop\n");
            foreach (var p in (ReadOnlySpan<Point3>)[a, b, c])
            {
                stl.Append(CultureInfo.InvariantCulture, $"      vertex {Coordinates(p)}\n");
            }

            stl.Append("    endloop\n  endfacet\n");
        }

        return stl.Append(CultureInfo.InvariantCulture, $"endsolid {mesh.Name}\n").ToString();
    }

    /// <summary>https://paulbourke.net/dataformats/obj/ — faces kept as they are, so a reader must triangulate.</summary>
    public static string Obj(SampleMesh mesh)
    {
        var obj = new StringBuilder();
        obj.Append(CultureInfo.InvariantCulture, $"# Alexandrite sample {mesh.Name}\no {mesh.Name}\n");
        foreach (var p in mesh.Vertices)
        {
            obj.Append(CultureInfo.InvariantCulture, $"v {Coordinates(p)}\n");
        }

        foreach (var face in mesh.Faces)
        {
            obj.Append("f ").AppendJoin(' ', face.Select(i => i + 1)).Append('\n');
        }

        return obj.ToString();
    }

    private static string Coordinates(Point3 p) => string.Create(CultureInfo.InvariantCulture, $"{p.X:R} {p.Y:R} {p.Z:R}");

    /// <summary>The unit normal the right-hand rule gives the corners a, b, c.</summary>
    private static Point3 Normal(Point3 a, Point3 b, Point3 c)
    {
        var (ux, uy, uz) = (b.X - a.X, b.Y - a.Y, b.Z - a.Z);
        var (vx, vy, vz) = (c.X - a.X, c.Y - a.Y, c.Z - a.Z);
        var (nx, ny, nz) = (uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx);
        var length = Math.Sqrt(nx * nx + ny * ny + nz * nz);
        return new Point3(nx / length, ny / length, nz / length);
    }
}
