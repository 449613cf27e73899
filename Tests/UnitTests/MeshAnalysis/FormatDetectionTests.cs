using System.Text;
using Alexandrite.MeshAnalysis;

namespace Alexandrite.UnitTests.MeshAnalysis;

/// <summary>The content decides the format; the file name only decides whether damaged binary data was an STL.</summary>
public sealed class FormatDetectionTests
{
    [Fact]
    public async Task A_binary_stl_whose_header_starts_with_solid_is_still_binary()
    {
        // Common in the wild (SolidWorks writes "solid <name>" headers), though the format advises against it.
        var stl = SampleModels.BinaryStlCube(10);
        Encoding.ASCII.GetBytes("solid cube exported as binary".PadRight(80), stl);

        var analysis = await Upload.AnalyzeAsync(stl, "cube.stl");

        Assert.Equal(ModelFormat.StlBinary, analysis.Format);
        Assert.Equal(12, analysis.Polygons);
        Assert.Equal(1000, analysis.Volume, 1e-9);
    }

    [Theory]
    [InlineData(ModelFormat.StlBinary, "cube.obj")]
    [InlineData(ModelFormat.StlAscii, "cube.txt")]
    [InlineData(ModelFormat.Obj, "cube.stl")]
    [InlineData(ModelFormat.Obj, "cube")]
    public async Task A_misnamed_file_is_read_by_its_content(ModelFormat format, string fileName)
    {
        var analysis = await Upload.AnalyzeAsync(Upload.Cube(format, 10), fileName);

        Assert.Equal(format, analysis.Format);
        Assert.Equal(1000, analysis.Volume, 1e-9);
    }

    [Theory]
    [InlineData("cube.stl", ModelRejection.Truncated)]
    [InlineData("CUBE.STL", ModelRejection.Truncated)]
    [InlineData("cube.bin", ModelRejection.NotA3DModel)]
    public async Task The_extension_decides_whether_damaged_binary_data_was_an_stl(string fileName, ModelRejection reason)
    {
        var cut = SampleModels.BinaryStlCube(10)[..600];

        var refusal = await Upload.RefusalAsync(cut, fileName);

        Assert.Equal(reason, refusal.Reason);
    }

    [Fact]
    public async Task Damaged_binary_data_with_a_solid_header_is_a_damaged_stl_whatever_its_name()
    {
        var stl = SampleModels.BinaryStlCube(10);
        Encoding.ASCII.GetBytes("solid cube", stl);

        var refusal = await Upload.RefusalAsync(stl[..600], "download");

        Assert.Equal(ModelRejection.Truncated, refusal.Reason);
    }

    [Theory]
    [InlineData(ModelFormat.StlAscii)]
    [InlineData(ModelFormat.Obj)]
    public async Task A_text_model_may_start_with_a_utf8_byte_order_mark(ModelFormat format)
    {
        byte[] file = [0xEF, 0xBB, 0xBF, .. Upload.Cube(format, 10)];

        var analysis = await Upload.AnalyzeAsync(file, "cube");

        Assert.Equal(format, analysis.Format);
        Assert.Equal(1000, analysis.Volume, 1e-9);
        Assert.Equal(file.Length, analysis.Bytes);
    }

    [Fact]
    public async Task A_text_starting_with_a_longer_word_than_solid_is_not_an_stl()
    {
        var refusal = await Upload.RefusalAsync("solidity matters for a ring\n", "notes.txt");

        Assert.Equal(ModelRejection.NotA3DModel, refusal.Reason);
    }
}
