using System.Runtime.CompilerServices;

namespace Alexandrite.MeshAnalysis;

/// <summary>
/// Real model files for tests and demos: closed meshes with outward-facing triangles, written as exporters write
/// them. Each is a valid upload that <see cref="ModelAnalyzer"/> accepts.
/// </summary>
public static class SampleModels
{
    /// <summary>A cube from the origin to (size, size, size): 12 triangles, volume size³.</summary>
    public static byte[] BinaryStlCube(double size) => SampleMeshWriters.BinaryStl(SampleMesh.Cube(CheckSize(size)));

    /// <inheritdoc cref="BinaryStlCube"/>
    public static string AsciiStlCube(double size) => SampleMeshWriters.AsciiStl(SampleMesh.Cube(CheckSize(size)));

    /// <summary>A cube from the origin to (size, size, size) with 6 quadrilateral faces, 12 triangles once split.</summary>
    public static string ObjCube(double size) => SampleMeshWriters.Obj(SampleMesh.Cube(CheckSize(size)));

    /// <summary>
    /// A UV sphere around the origin, for large models: 2 · segments · (segments − 1) triangles, whose volume
    /// approaches 4/3 · π · radius³ as <paramref name="segments"/> grows.
    /// </summary>
    public static byte[] BinaryStlSphere(int segments, double radius)
    {
        // Fewer than 3 slices enclose nothing; more than 4096 make a file too large for one array (over 1.6 GB).
        ArgumentOutOfRangeException.ThrowIfLessThan(segments, 3);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(segments, 4096);
        return SampleMeshWriters.BinaryStl(SampleMesh.UvSphere(segments, CheckSize(radius)));
    }

    private static double CheckSize(double size, [CallerArgumentExpression(nameof(size))] string? name = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size, name);
        return double.IsFinite(size) ? size : throw new ArgumentOutOfRangeException(name, size, "Must be a finite number.");
    }
}
