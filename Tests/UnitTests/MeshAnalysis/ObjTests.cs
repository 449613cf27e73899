using Alexandrite.MeshAnalysis;

namespace Alexandrite.UnitTests.MeshAnalysis;

/// <summary>The polygonal statements of OBJ as exporters write them (https://paulbourke.net/dataformats/obj/).</summary>
public sealed class ObjTests
{
    private const string CubeVertices = """
        v 0 0 0
        v 10 0 0
        v 0 10 0
        v 10 10 0
        v 0 0 10
        v 10 0 10
        v 0 10 10
        v 10 10 10

        """;

    [Fact]
    public async Task Negative_indices_count_back_from_the_last_vertex_read()
    {
        // After the 8 vertices, -8 is vertex 1 and -1 is vertex 8: the same faces as the sample cube.
        var cube = CubeVertices + """
            f -8 -6 -5 -7
            f -4 -3 -1 -2
            f -8 -7 -3 -4
            f -6 -2 -1 -5
            f -8 -4 -2 -6
            f -7 -5 -1 -3
            """;

        var analysis = await Upload.AnalyzeAsync(cube, "cube.obj");

        Assert.Equal(1000, analysis.Volume, 1e-9);
        Assert.Equal(12, analysis.Polygons);
    }

    [Fact]
    public async Task Texture_and_normal_indices_in_every_form_are_skipped()
    {
        var cube = CubeVertices + """
            vt 0 0
            vt 1 0
            vt 1 1
            vt 0 1
            vn 0 0 -1
            f 1/1 3/2 4/3 2/4
            f 5//1 6//1 8//1 7//1
            f 1/1/1 2/2/1 6/3/1 5/4/1
            f 3/1/1 7/2/1 8/3/1 4/4/1
            f -8/1 -4/2 -2/3 -6/4
            f 2 4 8 6
            """;

        var analysis = await Upload.AnalyzeAsync(cube, "cube.obj");

        Assert.Equal(1000, analysis.Volume, 1e-9);
        Assert.Equal(6, analysis.Faces);
    }

    [Fact]
    public async Task Comments_groups_materials_lines_and_points_add_nothing()
    {
        var cube = "# exported for Alexandrite\nmtllib ring.mtl\no ring\ng band\nusemtl gold\ns 1\n"
            + CubeVertices.Replace("v 10 10 10", "v 10 10 10 # the far corner", StringComparison.Ordinal)
            + "l 1 8\np 1\n"
            + SampleModels.ObjCube(10).Split('\n').Where(line => line.StartsWith("f ", StringComparison.Ordinal)).Aggregate((a, b) => a + "\n" + b);

        var analysis = await Upload.AnalyzeAsync(cube, "ring.obj");

        Assert.Equal(1000, analysis.Volume, 1e-9);
        Assert.Equal(6, analysis.Faces);
        Assert.Equal(12, analysis.Polygons);
    }

    [Fact]
    public async Task A_pentagon_is_split_into_a_fan_of_3_triangles()
    {
        // A pyramid of height 3 over a pentagon of area 12: volume 12 · 3 / 3 = 12.
        var pyramid = """
            v 0 0 0
            v 4 0 0
            v 4 2 0
            v 2 4 0
            v 0 2 0
            v 2 2 3
            f 1 5 4 3 2
            f 1 2 6
            f 2 3 6
            f 3 4 6
            f 4 5 6
            f 5 1 6
            """;

        var analysis = await Upload.AnalyzeAsync(pyramid, "pyramid.obj");

        Assert.Equal(6, analysis.Faces);
        Assert.Equal(8, analysis.Polygons);
        Assert.Equal(12, analysis.Volume, 1e-12);
    }

    [Fact]
    public async Task A_backslash_joins_the_next_line_and_crlf_line_ends_are_read()
    {
        var cube = SampleModels.ObjCube(10).Replace("f 1 3 4 2", "f 1 3 \\\n  4 2", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);

        var analysis = await Upload.AnalyzeAsync(cube, "cube.obj");

        Assert.Equal(1000, analysis.Volume, 1e-9);
        Assert.Equal(6, analysis.Faces);
    }

    [Fact]
    public async Task A_weight_or_colour_after_x_y_z_is_ignored()
    {
        var cube = SampleModels.ObjCube(10).Replace("v 0 0 0", "v 0 0 0 1.0", StringComparison.Ordinal).Replace("v 10 10 10", "v 10 10 10 0.8 0.6 0.2", StringComparison.Ordinal);

        var analysis = await Upload.AnalyzeAsync(cube, "cube.obj");

        Assert.Equal(1000, analysis.Volume, 1e-9);
    }

    [Fact]
    public async Task A_face_index_zero_is_malformed()
    {
        var refusal = await Upload.RefusalAsync(CubeVertices + "f 0 1 2\n", "cube.obj");

        Assert.Equal(ModelRejection.Malformed, refusal.Reason);
        Assert.Equal("The OBJ file's face on line 9 has a corner that is not a vertex number.", refusal.Message);
    }

    [Fact]
    public async Task A_face_with_two_corners_is_malformed()
    {
        var refusal = await Upload.RefusalAsync(CubeVertices + "f 1 2\n", "cube.obj");

        Assert.Equal(ModelRejection.Malformed, refusal.Reason);
        Assert.Equal("The OBJ file's face on line 9 has 2 corners; a face needs at least 3.", refusal.Message);
    }

    [Fact]
    public async Task A_negative_index_before_the_first_vertex_is_malformed()
    {
        var refusal = await Upload.RefusalAsync(CubeVertices + "f -1 -2 -9\n", "cube.obj");

        Assert.Equal(ModelRejection.Malformed, refusal.Reason);
        Assert.Equal("The OBJ file's face on line 9 refers to vertex -9, but only 8 vertices come before it.", refusal.Message);
    }

    [Fact]
    public async Task A_vertex_with_two_coordinates_is_malformed()
    {
        var refusal = await Upload.RefusalAsync("v 1 2\n", "cube.obj");

        Assert.Equal(ModelRejection.Malformed, refusal.Reason);
        Assert.Equal("The OBJ file's vertex on line 1 needs three numbers: x, y and z.", refusal.Message);
    }
}
