using Alexandrite.MeshAnalysis;

namespace Alexandrite.UnitTests.MeshAnalysis;

/// <summary>An upload is never read further than one byte past the limit, seekable or not.</summary>
public sealed class UploadCapTests
{
    [Fact]
    public async Task A_huge_non_seekable_upload_is_refused_after_max_bytes_plus_one()
    {
        using var upload = new NonSeekableUpload(new byte[10 * 1024 * 1024], chunkBytes: 4096);

        var refusal = await Assert.ThrowsAsync<InvalidModelException>(
            async () => await ModelAnalyzer.AnalyzeAsync(upload, "huge.stl", new ModelLimits(100_000, 1000)));

        Assert.Equal(ModelRejection.TooLarge, refusal.Reason);
        Assert.Equal(100_001, upload.BytesRead);
    }

    [Fact]
    public async Task A_non_seekable_upload_one_byte_over_is_read_to_exactly_max_bytes_plus_one()
    {
        var cube = SampleModels.BinaryStlCube(10);
        using var upload = new NonSeekableUpload(cube);

        await Assert.ThrowsAsync<InvalidModelException>(
            async () => await ModelAnalyzer.AnalyzeAsync(upload, "cube.stl", new ModelLimits(cube.Length - 1, 1000)));

        Assert.Equal(cube.Length, upload.BytesRead);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100_000)]
    public async Task A_non_seekable_upload_exactly_at_the_limit_is_read_whole_in_any_chunks(int chunkBytes)
    {
        var sphere = SampleModels.BinaryStlSphere(40, 5);
        using var upload = new NonSeekableUpload(sphere, chunkBytes);

        var analysis = await ModelAnalyzer.AnalyzeAsync(upload, "sphere.stl", new ModelLimits(sphere.Length, 1_000_000));

        Assert.Equal(sphere.Length, upload.BytesRead);
        Assert.Equal(sphere.Length, analysis.Bytes);
        Assert.Equal(2 * 40 * 39, analysis.Polygons);
    }

    [Fact]
    public async Task A_seekable_upload_over_the_limit_is_refused_without_reading()
    {
        using var upload = new MemoryStream(new byte[1024 * 1024 + 1]);

        var refusal = await Assert.ThrowsAsync<InvalidModelException>(
            async () => await ModelAnalyzer.AnalyzeAsync(upload, "big.stl", new ModelLimits(1024 * 1024, 1000)));

        Assert.Equal("The file is larger than 1 MiB.", refusal.Message);
        Assert.Equal(0, upload.Position);
    }

    [Fact]
    public async Task A_seekable_upload_is_read_from_its_current_position()
    {
        byte[] prefixed = [.. new byte[1000], .. SampleModels.BinaryStlCube(10)];
        using var upload = new MemoryStream(prefixed) { Position = 1000 };

        var analysis = await ModelAnalyzer.AnalyzeAsync(upload, "cube.stl", new ModelLimits(684, 1000));

        Assert.Equal(684, analysis.Bytes);
        Assert.Equal(1000, analysis.Volume, 1e-9);
    }

    [Fact]
    public async Task A_cancelled_upload_stops_reading()
    {
        using var upload = new MemoryStream(SampleModels.BinaryStlCube(10));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await ModelAnalyzer.AnalyzeAsync(upload, "cube.stl", ModelLimits.Default, new CancellationToken(canceled: true)));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    [InlineData(int.MaxValue, 1)]
    public void Limits_must_be_positive_and_fit_one_array(long maxBytes, long maxPolygons) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModelLimits(maxBytes, maxPolygons));
}
