using Alexandrite.ShopDatabase;

namespace Alexandrite.UnitTests.LiveStatus;

/// <summary>
/// The payload of the Shop DB's order-change notification: what every listener hears, so the order's id, its status
/// and a version, nothing about the customer; anything else on the channel is not taken for a change.
/// </summary>
public sealed class OrderChangeTests
{
    [Fact]
    public void A_change_survives_its_payload()
    {
        var change = OrderChange.Of(Guid.CreateVersion7(), "PRICE_CALCULATED", DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_123));

        Assert.True(OrderChange.TryParse(change.ToPayload(), out var parsed));
        Assert.Equal(change, parsed);
        Assert.Equal(1_767_225_600_123, parsed.Version);
    }

    [Fact]
    public void The_payload_names_the_order_its_status_and_version_and_nothing_else()
    {
        var orderId = Guid.Parse("0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b");

        var payload = OrderChange.Of(orderId, "SHIPPED", DateTimeOffset.FromUnixTimeMilliseconds(42)).ToPayload();

        Assert.Equal("""{"orderId":"0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b","status":"SHIPPED","version":42}""", payload);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("[1,2]")]
    [InlineData("""{"orderId":"00000000-0000-0000-0000-000000000000","status":"SHIPPED","version":1}""")]
    [InlineData("""{"orderId":"0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b","status":"","version":1}""")]
    [InlineData("""{"orderId":"0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b","status":"SHIPPED","version":0}""")]
    [InlineData("""{"orderId":"not-a-guid","status":"SHIPPED","version":1}""")]
    [InlineData("""{"orderId":"0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b","status":"SHIPPED","version":"soon"}""")]
    public void A_payload_that_is_not_a_change_is_refused(string? payload)
    {
        Assert.False(OrderChange.TryParse(payload, out var change));
        Assert.Null(change);
    }

    [Fact]
    public void An_oversized_payload_is_refused_unread()
    {
        var payload = """{"orderId":"0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b","status":"SHIPPED","version":1,"x":""" + $"\"{new string('x', 9000)}\"" + "}";

        Assert.False(OrderChange.TryParse(payload, out _));
    }
}
