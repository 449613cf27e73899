using Alexandrite.MeshAnalysis;

namespace Alexandrite.UnitTests.MeshAnalysis;

/// <summary>The "complex model" sample: a UV sphere whose triangle count and accuracy grow with its segments.</summary>
public sealed class SphereAnalysisTests
{
    [Theory]
    [InlineData(3, 12)]
    [InlineData(8, 112)]
    [InlineData(64, 8064)]
    [InlineData(300, 179_400)]
    public async Task A_sphere_has_2_times_segments_times_segments_minus_1_triangles(int segments, long triangles)
    {
        var analysis = await Upload.AnalyzeAsync(SampleModels.BinaryStlSphere(segments, 10), "sphere.stl");

        Assert.Equal(2L * segments * (segments - 1), triangles);
        Assert.Equal(triangles, analysis.Polygons);
        Assert.Equal(84 + 50 * triangles, analysis.Bytes);
    }

    [Fact]
    public async Task A_spheres_volume_approaches_four_thirds_pi_r_cubed_as_segments_grow()
    {
        const double radius = 10;
        var exact = 4.0 / 3 * Math.PI * radius * radius * radius;
        var errors = new List<double>();
        foreach (var segments in new[] { 8, 16, 32, 64, 128, 256 })
        {
            var analysis = await Upload.AnalyzeAsync(SampleModels.BinaryStlSphere(segments, radius), "sphere.stl");
            errors.Add((exact - analysis.Volume) / exact);
        }

        // An inscribed polyhedron: always smaller, and the error quarters each time the segments double.
        Assert.All(errors, error => Assert.InRange(error, 0, 0.14));
        Assert.All(errors.Zip(errors.Skip(1)), pair => Assert.InRange(pair.First / pair.Second, 3.8, 4.2));
        Assert.InRange(errors[^1], 1e-4, 1.5e-4);
    }

    [Fact]
    public async Task A_sphere_reaches_its_radius_at_the_poles_and_on_the_equator()
    {
        var analysis = await Upload.AnalyzeAsync(SampleModels.BinaryStlSphere(32, 10), "sphere.stl");

        Assert.Equal(new Point3(-10, -10, -10), analysis.Bounds.Min);
        Assert.Equal(new Point3(10, 10, 10), analysis.Bounds.Max);
    }
}
