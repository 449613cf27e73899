namespace Alexandrite.MeshAnalysis;

/// <summary>
/// A closed mesh for <see cref="SampleModels"/>: shared vertices and faces whose corners run counter-clockwise
/// seen from outside (the right-hand rule gives the outward normal, as STL and OBJ expect).
/// </summary>
internal sealed record SampleMesh(string Name, IReadOnlyList<Point3> Vertices, IReadOnlyList<int[]> Faces)
{
    /// <summary>The axis-aligned cube from (0, 0, 0) to (size, size, size), six quadrilateral faces.</summary>
    public static SampleMesh Cube(double size)
    {
        // Corner i has x, y, z = bits 0, 1, 2 of i.
        var vertices = Enumerable.Range(0, 8)
            .Select(i => new Point3((i & 1) * size, (i >> 1 & 1) * size, (i >> 2 & 1) * size))
            .ToArray();
        int[][] faces =
        [
            [0, 2, 3, 1], // z = 0
            [4, 5, 7, 6], // z = size
            [0, 1, 5, 4], // y = 0
            [2, 6, 7, 3], // y = size
            [0, 4, 6, 2], // x = 0
            [1, 3, 7, 5], // x = size
        ];
        return new SampleMesh("cube", vertices, faces);
    }

    /// <summary>
    /// A UV sphere centred on the origin: <paramref name="segments"/> slices around the Z axis and as many stacks
    /// from pole to pole. Each pole stack is a fan of triangles, every other stack a ring of quads split in two:
    /// 2 · segments · (segments − 1) triangles.
    /// </summary>
    public static SampleMesh UvSphere(int segments, double radius)
    {
        var north = 0;
        var vertices = new List<Point3> { new(0, 0, radius) };
        for (var stack = 1; stack < segments; stack++)
        {
            var polar = Math.PI * stack / segments;
            for (var slice = 0; slice < segments; slice++)
            {
                var azimuth = 2 * Math.PI * slice / segments;
                vertices.Add(new Point3(
                    radius * Math.Sin(polar) * Math.Cos(azimuth),
                    radius * Math.Sin(polar) * Math.Sin(azimuth),
                    radius * Math.Cos(polar)));
            }
        }

        var south = vertices.Count;
        vertices.Add(new Point3(0, 0, -radius));

        // Ring r (0 = nearest the north pole) at slice s, wrapping around the seam.
        int Ring(int r, int s) => 1 + r * segments + s % segments;

        var lastRing = segments - 2;
        var faces = new List<int[]>();
        for (var s = 0; s < segments; s++)
        {
            faces.Add([north, Ring(0, s), Ring(0, s + 1)]);
            for (var r = 0; r < lastRing; r++)
            {
                faces.Add([Ring(r, s), Ring(r + 1, s), Ring(r + 1, s + 1)]);
                faces.Add([Ring(r, s), Ring(r + 1, s + 1), Ring(r, s + 1)]);
            }

            faces.Add([south, Ring(lastRing, s + 1), Ring(lastRing, s)]);
        }

        return new SampleMesh("sphere", vertices, faces);
    }

    /// <summary>Each face as a fan of triangles around its first corner; the cube's quads become two each.</summary>
    public IEnumerable<(Point3 A, Point3 B, Point3 C)> Triangles() =>
        Faces.SelectMany(face => Enumerable.Range(1, face.Length - 2)
            .Select(i => (Vertices[face[0]], Vertices[face[i]], Vertices[face[i + 1]])));
}
