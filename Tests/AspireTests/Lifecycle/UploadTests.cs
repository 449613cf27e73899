using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Alexandrite.Contracts;
using Alexandrite.MeshAnalysis;
using Amazon.Runtime;
using Amazon.S3;

namespace Alexandrite.AspireTests.Lifecycle;

/// <summary>Shop.Api accepts STL and OBJ models and refuses anything else with a 4xx, storing nothing.</summary>
[Collection(AspireCollection.Name)]
public sealed class UploadTests(AspireFixture fixture)
{
    private readonly ShopClient _shop = new(fixture);

    [Theory]
    [InlineData("empty", HttpStatusCode.BadRequest)]
    [InlineData("png", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("truncated", HttpStatusCode.UnprocessableEntity)]
    [InlineData("flat", HttpStatusCode.UnprocessableEntity)]
    [InlineData("one-byte-over", HttpStatusCode.RequestEntityTooLarge)]
    [InlineData("far-over", HttpStatusCode.RequestEntityTooLarge)]
    public async Task A_bad_upload_is_refused_with_a_problem_and_nothing_is_stored(string what, HttpStatusCode expected)
    {
        var (content, fileName) = BadUpload(what);
        var orderId = await _shop.CreateOrderAsync();

        using var response = await _shop.UploadAsync(orderId, content, fileName);

        Assert.True(expected == response.StatusCode, $"{what}: expected {expected}, got {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrWhiteSpace((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()));
        var order = await _shop.GetOrderAsync(orderId);
        Assert.Equal("INITIATED", order.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, order.GetProperty("model").ValueKind);
        Assert.Empty(await StoredKeysAsync(orderId));
    }

    /// <summary>Built here rather than in the theory data, which xunit serializes at discovery.</summary>
    private static (byte[] Content, string FileName) BadUpload(string what) => what switch
    {
        "empty" => ([], "empty.stl"),
        "png" => ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52], "photo.png"),
        "truncated" => (SampleModels.BinaryStlCube(10)[..300], "cut.stl"),
        "flat" => (Encoding.ASCII.GetBytes("v 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nf 1 2 3 4\n"), "flat.obj"),
        "one-byte-over" => (new byte[TestSettings.UploadLimitBytes + 1], "big.stl"),
        "far-over" => (new byte[3 * TestSettings.UploadLimitBytes], "huge.stl"),
        _ => throw new ArgumentOutOfRangeException(nameof(what), what, "No such case."),
    };

    [Fact]
    public async Task A_replaced_model_leaves_the_bucket_once_the_new_one_is_the_order_s()
    {
        var orderId = await _shop.CreateOrderAsync();
        using (var first = await _shop.UploadAsync(orderId, SampleModels.BinaryStlCube(5), "first.stl"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var second = await _shop.UploadAsync(orderId, SampleModels.BinaryStlCube(7), "second.stl");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var fileId = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fileId").GetString()!;
        Assert.Equal([ModelFiles.KeyFor(orderId, fileId)], await StoredKeysAsync(orderId));
        Assert.Equal("second.stl", (await _shop.GetOrderAsync(orderId)).GetProperty("model").GetProperty("fileName").GetString());
    }

    [Fact]
    public async Task A_request_without_the_file_field_is_refused()
    {
        var orderId = await _shop.CreateOrderAsync();
        using var form = new MultipartFormDataContent { { new StringContent("hello"), "note" } };
        using var response = await fixture.ShopApi.PutAsync($"/api/orders/{orderId}/model", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("ascii")]
    [InlineData("obj")]
    public async Task ASCII_STL_and_OBJ_models_are_read_from_the_file_itself(string kind)
    {
        var (content, fileName) = kind == "ascii"
            ? (Encoding.ASCII.GetBytes(SampleModels.AsciiStlCube(20)), "cube.stl")
            : (Encoding.ASCII.GetBytes(SampleModels.ObjCube(20)), "cube.obj");
        var orderId = await _shop.CreateOrderAsync();

        using var response = await _shop.UploadAsync(orderId, content, fileName);

        response.EnsureSuccessStatusCode();
        var model = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(12, model.GetProperty("polygons").GetInt64());
        Assert.Equal(8000, model.GetProperty("volume").GetDouble(), 6);
        var fileId = model.GetProperty("fileId").GetString()!;
        Assert.Equal([ModelFiles.KeyFor(orderId, fileId)], await StoredKeysAsync(orderId));
        Assert.Equal(content, await ReadStoredAsync(ModelFiles.KeyFor(orderId, fileId)));
    }

    /// <summary>The storage as Shop.Api reaches it: ConnectionStrings__storage (Endpoint=…;AccessKey=…;SecretKey=…).</summary>
    private async Task<AmazonS3Client> S3Async()
    {
        var storage = new DbConnectionStringBuilder { ConnectionString = await fixture.ConnectionStringAsync(ResourceNames.Storage) };
        return new AmazonS3Client(
            new BasicAWSCredentials((string)storage["AccessKey"], (string)storage["SecretKey"]),
            new AmazonS3Config { ServiceURL = (string)storage["Endpoint"], ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
    }

    private async Task<string[]> StoredKeysAsync(Guid orderId)
    {
        using var s3 = await S3Async();
        var listing = await s3.ListObjectsV2Async(new Amazon.S3.Model.ListObjectsV2Request { BucketName = ResourceNames.ModelsBucket, Prefix = $"orders/{orderId}/" });
        return (listing.S3Objects ?? []).Select(o => o.Key).ToArray();
    }

    private async Task<byte[]> ReadStoredAsync(string key)
    {
        using var s3 = await S3Async();
        using var response = await s3.GetObjectAsync(ResourceNames.ModelsBucket, key);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
