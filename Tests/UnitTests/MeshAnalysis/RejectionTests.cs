using System.Buffers.Binary;
using System.Text;
using Alexandrite.MeshAnalysis;

namespace Alexandrite.UnitTests.MeshAnalysis;

/// <summary>Every <see cref="ModelRejection"/>, each produced by a file a customer could really upload.</summary>
public sealed class RejectionTests
{
    /// <summary>The first bytes of every PNG image (https://www.w3.org/TR/png/#5PNG-file-signature) and its IHDR chunk.</summary>
    private static readonly byte[] PngStart =
    [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x08, 0x06, 0x00, 0x00, 0x00, 0x5C, 0x72, 0xA8, 0x66,
    ];

    [Fact]
    public async Task An_empty_file_is_empty()
    {
        var refusal = await Upload.RefusalAsync([], "cube.stl");

        Assert.Equal(ModelRejection.Empty, refusal.Reason);
        Assert.Equal("The file is empty.", refusal.Message);
    }

    [Fact]
    public async Task A_file_one_byte_over_the_limit_is_too_large()
    {
        var cube = SampleModels.BinaryStlCube(10);
        using var upload = new NonSeekableUpload(cube);

        var refusal = await Assert.ThrowsAsync<InvalidModelException>(
            async () => await ModelAnalyzer.AnalyzeAsync(upload, "cube.stl", new ModelLimits(cube.Length - 1, 1000)));

        Assert.Equal(ModelRejection.TooLarge, refusal.Reason);
        Assert.Equal("The file is larger than 683 bytes.", refusal.Message);
    }

    [Fact]
    public async Task The_default_limit_reads_as_50_MiB()
    {
        var refusal = await Upload.RefusalAsync(new byte[ModelLimits.Default.MaxBytes + 1], "huge.stl");

        Assert.Equal(ModelRejection.TooLarge, refusal.Reason);
        Assert.Equal("The file is larger than 50 MiB.", refusal.Message);
    }

    [Fact]
    public async Task A_binary_stl_cut_in_the_middle_of_a_triangle_is_truncated()
    {
        var cut = SampleModels.BinaryStlCube(10)[..(84 + 5 * 50 + 20)];

        var refusal = await Upload.RefusalAsync(cut, "cube.stl");

        Assert.Equal(ModelRejection.Truncated, refusal.Reason);
        Assert.Equal("The STL file ends before its last triangle: it is truncated.", refusal.Message);
    }

    [Fact]
    public async Task A_binary_stl_cut_inside_its_header_is_truncated()
    {
        var refusal = await Upload.RefusalAsync(PngStart[..10], "cube.stl");

        Assert.Equal(ModelRejection.Truncated, refusal.Reason);
        Assert.Equal("The STL file ends inside its 84-byte header: it is truncated.", refusal.Message);
    }

    [Fact]
    public async Task A_png_image_is_not_a_3d_model()
    {
        byte[] png = [.. PngStart, .. new byte[200]];

        var refusal = await Upload.RefusalAsync(png, "ring-photo.png");

        Assert.Equal(ModelRejection.NotA3DModel, refusal.Reason);
        Assert.Equal("The file is not a 3D model we can read; please upload an STL or OBJ file.", refusal.Message);
    }

    [Theory]
    [InlineData("Please make this ring in rose gold, size 54.\nThank you!\n", "order-notes.txt")]
    [InlineData("   \n\t\n", "blank.obj")]
    public async Task A_text_file_is_not_a_3d_model(string text, string fileName)
    {
        var refusal = await Upload.RefusalAsync(text, fileName);

        Assert.Equal(ModelRejection.NotA3DModel, refusal.Reason);
    }

    [Fact]
    public async Task An_ascii_stl_facet_with_two_vertices_is_malformed()
    {
        var stl = SampleModels.AsciiStlCube(10);
        var firstVertex = stl.IndexOf("      vertex", StringComparison.Ordinal);
        var twoCorners = stl.Remove(firstVertex, stl.IndexOf('\n', firstVertex) + 1 - firstVertex);

        var refusal = await Upload.RefusalAsync(twoCorners, "cube.stl");

        Assert.Equal(ModelRejection.Malformed, refusal.Reason);
        Assert.Equal("The STL file's facet on line 2 has 2 corners; every facet must be a triangle.", refusal.Message);
    }

    [Fact]
    public async Task An_obj_face_referring_to_vertex_99_of_8_is_malformed()
    {
        var obj = SampleModels.ObjCube(10).Replace("f 2 4 8 6", "f 2 4 99 6", StringComparison.Ordinal);

        var refusal = await Upload.RefusalAsync(obj, "cube.obj");

        Assert.Equal(ModelRejection.Malformed, refusal.Reason);
        Assert.Equal("The OBJ file's face on line 16 refers to vertex 99, but only 8 vertices come before it.", refusal.Message);
    }

    [Fact]
    public async Task A_binary_stl_with_a_nan_coordinate_is_malformed()
    {
        var stl = SampleModels.BinaryStlCube(10);
        BinaryPrimitives.WriteSingleLittleEndian(stl.AsSpan(StlTriangles.Start + 2 * StlTriangles.Size + 12), float.NaN);

        var refusal = await Upload.RefusalAsync(stl, "cube.stl");

        Assert.Equal(ModelRejection.Malformed, refusal.Reason);
        Assert.Equal("The STL file's triangle 3 has a coordinate that is not a number.", refusal.Message);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("nan")]
    [InlineData("Infinity")]
    [InlineData("-infinity")]
    [InlineData("1e400")]
    public async Task Text_coordinates_that_are_not_finite_numbers_are_malformed(string notANumber)
    {
        var ascii = SampleModels.AsciiStlCube(10).Replace("vertex 10 10 10", $"vertex 10 {notANumber} 10", StringComparison.Ordinal);
        var obj = SampleModels.ObjCube(10).Replace("v 10 10 10", $"v 10 {notANumber} 10", StringComparison.Ordinal);

        var asciiRefusal = await Upload.RefusalAsync(ascii, "cube.stl");
        var objRefusal = await Upload.RefusalAsync(obj, "cube.obj");

        Assert.Equal(ModelRejection.Malformed, asciiRefusal.Reason);
        Assert.StartsWith("The STL file has a coordinate that is not a number on line ", asciiRefusal.Message, StringComparison.Ordinal);
        Assert.Equal(ModelRejection.Malformed, objRefusal.Reason);
        Assert.Equal("The OBJ file's vertex on line 10 has a coordinate that is not a number.", objRefusal.Message);
    }

    [Fact]
    public async Task Coordinates_too_large_to_measure_are_malformed()
    {
        var obj = string.Join('\n', SampleModels.ObjCube(1).Split('\n')
            .Select(line => line.StartsWith("v ", StringComparison.Ordinal) ? line.Replace(" 1", " 1e200", StringComparison.Ordinal) : line));

        var refusal = await Upload.RefusalAsync(obj, "cube.obj");

        Assert.Equal(ModelRejection.Malformed, refusal.Reason);
        Assert.Equal("The model's coordinates are too large to measure.", refusal.Message);
    }

    [Fact]
    public async Task A_binary_stl_longer_than_its_triangles_is_malformed()
    {
        byte[] stl = [.. SampleModels.BinaryStlCube(10), 0, 0, 0];

        var refusal = await Upload.RefusalAsync(stl, "cube.stl");

        Assert.Equal(ModelRejection.Malformed, refusal.Reason);
        Assert.Equal("The STL file has 3 bytes more than its 12 triangles need; it is damaged.", refusal.Message);
    }

    [Theory]
    [MemberData(nameof(Upload.CubeFiles), MemberType = typeof(Upload))]
    public async Task A_model_over_the_triangle_limit_has_too_many_polygons(ModelFormat format, string fileName)
    {
        var refusal = await Upload.RefusalAsync(Upload.Cube(format, 10), fileName, new ModelLimits(1024 * 1024, 11));

        Assert.Equal(ModelRejection.TooManyPolygons, refusal.Reason);
        Assert.Equal("The model has more than 11 triangles; please simplify it.", refusal.Message);
    }

    [Theory]
    [MemberData(nameof(Upload.CubeFiles), MemberType = typeof(Upload))]
    public async Task A_model_exactly_at_the_triangle_limit_is_accepted(ModelFormat format, string fileName)
    {
        var analysis = await Upload.AnalyzeAsync(Upload.Cube(format, 10), fileName, new ModelLimits(1024 * 1024, 12));

        Assert.Equal(12, analysis.Polygons);
    }

    [Theory]
    [InlineData("v 0 0 0\nv 10 0 0\nv 10 10 0\nv 0 10 0\nf 1 2 3 4\n")]
    [InlineData("v 0 0 5\nv 10 0 5\nv 10 10 5\nv 0 10 5\nf 1 2 3 4\n")]
    [InlineData("v 3 1 2\nv 13 1 7\nv 13 11 7\nv 3 11 2\nf 1 2 3 4\nf 4 3 2 1\n")]
    public async Task A_flat_square_has_no_volume(string square)
    {
        var refusal = await Upload.RefusalAsync(square, "square.obj");

        Assert.Equal(ModelRejection.NoVolume, refusal.Reason);
        Assert.Equal("The model has no volume: it is flat, or all its triangles are degenerate.", refusal.Message);
    }

    [Fact]
    public async Task Degenerate_triangles_have_no_volume()
    {
        var needles = "solid needles\n" + string.Concat(Enumerable.Range(1, 4).Select(i => $"""
            facet normal 0 0 0
              outer loop
                vertex 0 0 0
                vertex {i} {i} {i}
                vertex {2 * i} {2 * i} {2 * i}
              endloop
            endfacet

            """)) + "endsolid needles\n";

        var refusal = await Upload.RefusalAsync(needles, "needles.stl");

        Assert.Equal(ModelRejection.NoVolume, refusal.Reason);
    }

    [Fact]
    public async Task A_binary_stl_with_no_triangles_has_no_volume()
    {
        var header = new byte[84];
        Encoding.ASCII.GetBytes("an empty export", header);

        var refusal = await Upload.RefusalAsync(header, "nothing.stl");

        Assert.Equal(ModelRejection.NoVolume, refusal.Reason);
        Assert.Equal("The model has no triangles, so it has no volume.", refusal.Message);
    }

    [Fact]
    public async Task An_obj_with_vertices_but_no_faces_has_no_volume()
    {
        var points = string.Concat(SampleModels.ObjCube(10).Split('\n').Where(line => line.StartsWith("v ", StringComparison.Ordinal)).Select(line => line + "\n"));

        var refusal = await Upload.RefusalAsync(points, "points.obj");

        Assert.Equal(ModelRejection.NoVolume, refusal.Reason);
    }

    [Fact]
    public async Task Every_rejection_reason_is_covered_here()
    {
        // A reminder for whoever adds a reason: give it a real file in this class.
        Assert.Equal(
            [
                ModelRejection.Empty, ModelRejection.TooLarge, ModelRejection.Truncated, ModelRejection.NotA3DModel,
                ModelRejection.Malformed, ModelRejection.TooManyPolygons, ModelRejection.NoVolume,
            ],
            Enum.GetValues<ModelRejection>());
    }
}
