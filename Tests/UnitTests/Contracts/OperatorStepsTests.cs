using Alexandrite.Contracts;

namespace Alexandrite.UnitTests.Contracts;

/// <summary>The operator's next step follows from the lifecycle: one per manufacturing status, none elsewhere.</summary>
public sealed class OperatorStepsTests
{
    [Theory]
    [InlineData(OrderStatus.ManufacturingApproved, "start")]
    [InlineData(OrderStatus.ManufacturingStarted, "complete")]
    [InlineData(OrderStatus.ManufacturingCompleted, "package")]
    [InlineData(OrderStatus.Packaging, "ship")]
    public void Each_manufacturing_status_has_exactly_the_next_step(OrderStatus status, string step) =>
        Assert.Equal(step, OperatorSteps.NextFrom(status));

    [Theory]
    [InlineData(OrderStatus.Initiated)]
    [InlineData(OrderStatus.PriceCalculated)]
    [InlineData(OrderStatus.Shipped)]
    [InlineData(OrderStatus.Closed)]
    public void Outside_manufacturing_the_operator_has_no_step(OrderStatus status) =>
        Assert.Null(OperatorSteps.NextFrom(status));

    [Fact]
    public void Every_step_sets_a_status_the_MES_owns()
    {
        Assert.All(OperatorSteps.Targets.Values, status => Assert.Equal(ResourceNames.MesApi, OrderLifecycle.OwnerOf(status)));
    }
}
