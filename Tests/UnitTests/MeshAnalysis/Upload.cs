using System.Text;
using Alexandrite.MeshAnalysis;

namespace Alexandrite.UnitTests.MeshAnalysis;

/// <summary>Uploads a file to <see cref="ModelAnalyzer"/> the way the shop does: a stream and the customer's file name.</summary>
internal static class Upload
{
    public static async Task<ModelAnalysis> AnalyzeAsync(byte[] content, string fileName, ModelLimits? limits = null)
    {
        using var stream = new MemoryStream(content);
        return await ModelAnalyzer.AnalyzeAsync(stream, fileName, limits ?? ModelLimits.Default);
    }

    public static Task<ModelAnalysis> AnalyzeAsync(string content, string fileName, ModelLimits? limits = null) =>
        AnalyzeAsync(Encoding.UTF8.GetBytes(content), fileName, limits);

    public static Task<InvalidModelException> RefusalAsync(byte[] content, string fileName, ModelLimits? limits = null) =>
        Assert.ThrowsAsync<InvalidModelException>(() => AnalyzeAsync(content, fileName, limits));

    public static Task<InvalidModelException> RefusalAsync(string content, string fileName, ModelLimits? limits = null) =>
        RefusalAsync(Encoding.UTF8.GetBytes(content), fileName, limits);

    /// <summary>The three sample cubes, as the files a customer would upload.</summary>
    public static TheoryData<ModelFormat, string> CubeFiles => new()
    {
        { ModelFormat.StlBinary, "cube.stl" },
        { ModelFormat.StlAscii, "cube.stl" },
        { ModelFormat.Obj, "cube.obj" },
    };

    public static byte[] Cube(ModelFormat format, double size) => format switch
    {
        ModelFormat.StlBinary => SampleModels.BinaryStlCube(size),
        ModelFormat.StlAscii => Encoding.UTF8.GetBytes(SampleModels.AsciiStlCube(size)),
        ModelFormat.Obj => Encoding.UTF8.GetBytes(SampleModels.ObjCube(size)),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
