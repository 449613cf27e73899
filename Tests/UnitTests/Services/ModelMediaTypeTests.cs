extern alias ShopApi;

using Alexandrite.MeshAnalysis;
using ShopApi::Alexandrite.Shop.Api.Orders;

namespace Alexandrite.UnitTests.Services;

/// <summary>The order page's preview is served with the registered media type of the format the analyzer found.</summary>
public sealed class ModelMediaTypeTests
{
    [Theory]
    [InlineData(ModelFormat.StlBinary, "model/stl")]
    [InlineData(ModelFormat.StlAscii, "model/stl")]
    [InlineData(ModelFormat.Obj, "model/obj")]
    public void Each_format_the_shop_accepts_has_its_registered_media_type(ModelFormat format, string mediaType) =>
        Assert.Equal(mediaType, ModelMediaType.For(format.ToString()));

    [Fact]
    public void Every_accepted_format_is_served_as_a_model()
    {
        Assert.All(Enum.GetValues<ModelFormat>(), format => Assert.StartsWith("model/", ModelMediaType.For(format.ToString()), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("stlbinary")]
    [InlineData("Gltf")]
    public void A_format_name_that_is_not_one_of_the_shop_s_is_served_as_plain_bytes(string format) =>
        Assert.Equal(ModelMediaType.Unknown, ModelMediaType.For(format));
}
