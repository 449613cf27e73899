using Alexandrite.MeshAnalysis;
using BenchmarkDotNet.Attributes;

namespace Alexandrite.Benchmarks.Micro;

/// <summary>
/// <see cref="ModelAnalyzer"/> on the sample models (MeshAnalysis/SampleModels.cs), as Shop.Api runs it on every
/// upload and Mes.Api before pricing: the three formats of a cube, and a binary STL sphere of about 130,000
/// triangles for the cost per triangle.
/// </summary>
[MemoryDiagnoser]
public class MeshParsingBenchmarks
{
    private byte[] _model = [];

    [Params("binary STL cube", "ASCII STL cube", "OBJ cube", "binary STL sphere 130k")]
    public string Model { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _model = Model switch
    {
        "binary STL cube" => SampleModels.BinaryStlCube(10),
        "ASCII STL cube" => System.Text.Encoding.ASCII.GetBytes(SampleModels.AsciiStlCube(10)),
        "OBJ cube" => System.Text.Encoding.ASCII.GetBytes(SampleModels.ObjCube(10)),
        "binary STL sphere 130k" => SampleModels.BinaryStlSphere(256, 10),
        _ => throw new InvalidOperationException(Model),
    };

    [Benchmark(Description = "ModelAnalyzer.AnalyzeAsync")]
    public async Task<long> Analyze()
    {
        using var content = new MemoryStream(_model, writable: false);
        var analysis = await ModelAnalyzer.AnalyzeAsync(content, Model.Contains("OBJ", StringComparison.Ordinal) ? "model.obj" : "model.stl", ModelLimits.Default);
        return analysis.Polygons;
    }
}
