using System.Numerics;
using System.Text;
using Alexandrite.MeshAnalysis;

namespace Alexandrite.UnitTests.MeshAnalysis;

/// <summary>The samples are honest models: closed, consistently wound, facing outwards, with matching normals.</summary>
public sealed class SampleModelsTests
{
    public static TheoryData<string, byte[]> BinarySamples => new()
    {
        { "cube", SampleModels.BinaryStlCube(10) },
        { "coarse sphere", SampleModels.BinaryStlSphere(3, 10) },
        { "fine sphere", SampleModels.BinaryStlSphere(50, 10) },
    };

    [Theory]
    [MemberData(nameof(BinarySamples))]
    public void Every_edge_is_shared_by_exactly_two_triangles_running_opposite_ways(string sample, byte[] stl)
    {
        // In a closed, consistently wound mesh every directed edge occurs once and its reverse once.
        var edges = StlTriangles.Read(stl)
            .SelectMany(t => new[] { (t.A, t.B), (t.B, t.C), (t.C, t.A) })
            .ToList();

        var distinct = edges.ToHashSet();

        Assert.Equal(edges.Count, distinct.Count);
        Assert.All(edges, edge => Assert.True(distinct.Contains((edge.Item2, edge.Item1)), sample));
    }

    [Theory]
    [MemberData(nameof(BinarySamples))]
    public void The_signed_volume_is_positive_so_the_triangles_face_outwards(string sample, byte[] stl)
    {
        var signedVolume = StlTriangles.Read(stl).Sum(t => (double)Vector3.Dot(t.A, Vector3.Cross(t.B, t.C))) / 6;

        Assert.True(signedVolume > 0, $"{sample}: {signedVolume}");
    }

    [Theory]
    [MemberData(nameof(BinarySamples))]
    public void Each_stored_normal_is_a_unit_vector_along_the_winding(string sample, byte[] stl)
    {
        Assert.All(StlTriangles.Read(stl), t =>
        {
            var winding = Vector3.Normalize(Vector3.Cross(t.B - t.A, t.C - t.A));
            Assert.Equal(1, t.Normal.Length(), 1e-5);
            Assert.True(Vector3.Dot(winding, t.Normal) > 0.9999f, sample);
        });
    }

    [Fact]
    public void The_binary_header_does_not_start_with_solid()
    {
        var header = Encoding.ASCII.GetString(SampleModels.BinaryStlCube(10), 0, 23);

        Assert.Equal("Alexandrite sample cube", header);
    }

    [Fact]
    public void The_ascii_and_obj_cubes_are_the_files_an_exporter_writes()
    {
        var ascii = SampleModels.AsciiStlCube(2).Split('\n');
        var obj = SampleModels.ObjCube(2).Split('\n');

        Assert.Equal(["solid cube", "  facet normal 0 0 -1", "    outer loop", "      vertex 0 0 0", "      vertex 0 2 0", "      vertex 2 2 0", "    endloop", "  endfacet"], ascii[..8]);
        Assert.Equal("endsolid cube", ascii[^2]);
        Assert.Equal(["# Alexandrite sample cube", "o cube", "v 0 0 0", "v 2 0 0"], obj[..4]);
        Assert.Equal(["f 1 3 4 2", "f 5 6 8 7", "f 1 2 6 5", "f 3 7 8 4", "f 1 5 7 3", "f 2 4 8 6", ""], obj[^7..]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_size_must_be_a_positive_finite_number(double size)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleModels.BinaryStlCube(size));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleModels.AsciiStlCube(size));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleModels.ObjCube(size));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleModels.BinaryStlSphere(8, size));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4097)]
    public void A_sphere_needs_between_3_and_4096_segments(int segments) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleModels.BinaryStlSphere(segments, 10));
}
