using Alexandrite.MeshAnalysis;

namespace Alexandrite.UnitTests.MeshAnalysis;

/// <summary>The same cube, in every accepted format, measures the same.</summary>
public sealed class CubeAnalysisTests
{
    [Theory]
    [MemberData(nameof(Upload.CubeFiles), MemberType = typeof(Upload))]
    public async Task A_cube_of_size_10_has_volume_1000_and_12_triangles(ModelFormat format, string fileName)
    {
        var file = Upload.Cube(format, 10);

        var analysis = await Upload.AnalyzeAsync(file, fileName);

        Assert.Equal(format, analysis.Format);
        Assert.Equal(12, analysis.Polygons);
        Assert.Equal(1000, analysis.Volume, 1e-9);
        Assert.Equal(new Point3(0, 0, 0), analysis.Bounds.Min);
        Assert.Equal(new Point3(10, 10, 10), analysis.Bounds.Max);
        Assert.Equal(new Point3(10, 10, 10), analysis.Bounds.Size);
        Assert.Equal(file.Length, analysis.Bytes);
    }

    [Fact]
    public async Task The_binary_stl_cube_is_84_bytes_of_preamble_and_12_triangles_of_50_bytes()
    {
        var analysis = await Upload.AnalyzeAsync(SampleModels.BinaryStlCube(10), "cube.stl");

        Assert.Equal(684, analysis.Bytes);
        Assert.Equal(12, analysis.Faces);
    }

    [Fact]
    public async Task The_obj_cube_has_6_quad_faces_split_into_12_triangles()
    {
        var obj = SampleModels.ObjCube(10);

        var analysis = await Upload.AnalyzeAsync(obj, "cube.obj");

        Assert.Equal(6, obj.Split('\n').Count(line => line.StartsWith("f ", StringComparison.Ordinal) && line.Split(' ').Length == 5));
        Assert.Equal(6, analysis.Faces);
        Assert.Equal(12, analysis.Polygons);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2.5, 15.625)]
    [InlineData(0.1, 0.001)]
    public async Task The_volume_is_the_size_cubed_in_the_files_units(double size, double volume)
    {
        var analysis = await Upload.AnalyzeAsync(SampleModels.ObjCube(size), "cube.obj");

        Assert.Equal(volume, analysis.Volume, 1e-12);
    }

    [Fact]
    public async Task A_cube_with_every_triangle_facing_inwards_still_has_a_positive_volume()
    {
        var inverted = StlTriangles.Inverted(SampleModels.BinaryStlCube(10));

        var analysis = await Upload.AnalyzeAsync(inverted, "inside-out.stl");

        Assert.Equal(1000, analysis.Volume, 1e-9);
    }

    [Fact]
    public async Task A_cube_far_from_the_origin_measures_the_same()
    {
        var cube = """
            v 1000000 1000000 1000000
            v 1000010 1000000 1000000
            v 1000000 1000010 1000000
            v 1000010 1000010 1000000
            v 1000000 1000000 1000010
            v 1000010 1000000 1000010
            v 1000000 1000010 1000010
            v 1000010 1000010 1000010
            f 1 3 4 2
            f 5 6 8 7
            f 1 2 6 5
            f 3 7 8 4
            f 1 5 7 3
            f 2 4 8 6
            """;

        var analysis = await Upload.AnalyzeAsync(cube, "far.obj");

        Assert.Equal(1000, analysis.Volume, 1e-9);
        Assert.Equal(new Point3(1_000_000, 1_000_000, 1_000_000), analysis.Bounds.Min);
        Assert.Equal(new Point3(10, 10, 10), analysis.Bounds.Size);
    }
}
