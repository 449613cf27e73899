using Alexandrite.MeshAnalysis;

namespace Alexandrite.UnitTests.MeshAnalysis;

/// <summary>ASCII STL as exporters really write it (https://en.wikipedia.org/wiki/STL_(file_format)#ASCII).</summary>
public sealed class AsciiStlTests
{
    /// <summary>A tetrahedron with corners (0,0,0), (6,0,0), (0,6,0), (0,0,6): volume 6³ / 6 = 36.</summary>
    private const string Tetrahedron = """
        solid tetrahedron
          facet normal 0 0 -1
            outer loop
              vertex 0 0 0
              vertex 0 6 0
              vertex 6 0 0
            endloop
          endfacet
          facet normal 0 -1 0
            outer loop
              vertex 0 0 0
              vertex 6 0 0
              vertex 0 0 6
            endloop
          endfacet
          facet normal -1 0 0
            outer loop
              vertex 0 0 0
              vertex 0 0 6
              vertex 0 6 0
            endloop
          endfacet
          facet normal 0.577 0.577 0.577
            outer loop
              vertex 6 0 0
              vertex 0 6 0
              vertex 0 0 6
            endloop
          endfacet
        endsolid tetrahedron
        """;

    [Fact]
    public async Task A_tetrahedron_has_4_triangles_and_volume_36()
    {
        var analysis = await Upload.AnalyzeAsync(Tetrahedron, "tetrahedron.stl");

        Assert.Equal(ModelFormat.StlAscii, analysis.Format);
        Assert.Equal(4, analysis.Polygons);
        Assert.Equal(4, analysis.Faces);
        Assert.Equal(36, analysis.Volume, 1e-12);
        Assert.Equal(new Point3(6, 6, 6), analysis.Bounds.Size);
    }

    [Fact]
    public async Task Keywords_in_capitals_windows_line_ends_and_exponents_are_read()
    {
        var shouting = Tetrahedron.ToUpperInvariant().Replace("6", "6.0E0", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);

        var analysis = await Upload.AnalyzeAsync(shouting, "TETRA.STL");

        Assert.Equal(36, analysis.Volume, 1e-12);
    }

    [Fact]
    public async Task Several_solids_in_one_file_are_all_counted()
    {
        var twoCubes = SampleModels.AsciiStlCube(10) + SampleModels.AsciiStlCube(1);

        var analysis = await Upload.AnalyzeAsync(twoCubes, "two-cubes.stl");

        Assert.Equal(24, analysis.Polygons);
        Assert.Equal(1001, analysis.Volume, 1e-9);
    }

    [Fact]
    public async Task A_solid_without_a_name_and_a_nan_normal_is_accepted()
    {
        // Exporters write NaN normals for facets they could not orient; the vertices say which way they face.
        var anonymous = Tetrahedron.Replace("solid tetrahedron", "solid", StringComparison.Ordinal)
            .Replace("normal 0 0 -1", "normal nan nan nan", StringComparison.Ordinal);

        var analysis = await Upload.AnalyzeAsync(anonymous, "tetrahedron.stl");

        Assert.Equal(36, analysis.Volume, 1e-12);
    }

    [Fact]
    public async Task A_file_cut_in_the_middle_of_a_facet_is_truncated()
    {
        var cut = Tetrahedron[..Tetrahedron.IndexOf("vertex 0 6 0", StringComparison.Ordinal)];

        var refusal = await Upload.RefusalAsync(cut, "tetrahedron.stl");

        Assert.Equal(ModelRejection.Truncated, refusal.Reason);
        Assert.Equal("The STL file ends in the middle of a facet: it is truncated.", refusal.Message);
    }

    [Fact]
    public async Task A_file_cut_between_facets_is_truncated()
    {
        var cut = Tetrahedron[..Tetrahedron.IndexOf("endsolid", StringComparison.Ordinal)];

        var refusal = await Upload.RefusalAsync(cut, "tetrahedron.stl");

        Assert.Equal(ModelRejection.Truncated, refusal.Reason);
        Assert.Equal("The STL file ends without 'endsolid': it is truncated.", refusal.Message);
    }

    [Fact]
    public async Task A_misspelt_keyword_names_its_line()
    {
        var misspelt = Tetrahedron.Replace("vertex 6 0 0\n      vertex 0 6 0\n      vertex 0 0 6", "vertex 6 0 0\n      vertx 0 6 0\n      vertex 0 0 6", StringComparison.Ordinal);

        var refusal = await Upload.RefusalAsync(misspelt, "tetrahedron.stl");

        Assert.Equal(ModelRejection.Malformed, refusal.Reason);
        Assert.Equal("The STL file is damaged: 'vertex' or 'endloop' was expected on line 26.", refusal.Message);
    }

    [Fact]
    public async Task Text_after_the_last_endsolid_is_malformed()
    {
        var refusal = await Upload.RefusalAsync(Tetrahedron + "\nthank you", "tetrahedron.stl");

        Assert.Equal(ModelRejection.Malformed, refusal.Reason);
        Assert.Equal("The STL file is damaged: 'solid' or the end of the file was expected on line 31.", refusal.Message);
    }
}
