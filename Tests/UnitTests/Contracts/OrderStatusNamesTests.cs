using Alexandrite.Contracts;

namespace Alexandrite.UnitTests.Contracts;

public sealed class OrderStatusNamesTests
{
    [Theory]
    [InlineData(OrderStatus.Initiated, "INITIATED")]
    [InlineData(OrderStatus.FileUploaded, "FILE_UPLOADED")]
    [InlineData(OrderStatus.PriceCalculated, "PRICE_CALCULATED")]
    [InlineData(OrderStatus.ManufacturingApproved, "MANUFACTURING_APPROVED")]
    [InlineData(OrderStatus.ManufacturingCompleted, "MANUFACTURING_COMPLETED")]
    [InlineData(OrderStatus.Closed, "CLOSED")]
    public void Statuses_have_the_business_names(OrderStatus status, string name)
    {
        Assert.Equal(name, status.ToName());
        Assert.Equal(status, OrderStatusNames.Parse(name));
    }

    [Fact]
    public void Every_status_round_trips_through_its_name()
    {
        foreach (var status in Enum.GetValues<OrderStatus>())
        {
            Assert.True(OrderStatusNames.TryParse(status.ToName(), out var parsed));
            Assert.Equal(status, parsed);
        }
    }

    [Theory]
    [InlineData("initiated")]
    [InlineData("Initiated")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_spellings_are_not_statuses(string? name)
    {
        Assert.False(OrderStatusNames.TryParse(name, out _));
    }
}
