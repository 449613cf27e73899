using Alexandrite.Contracts;

namespace Alexandrite.UnitTests.Contracts;

public sealed class OrderLifecycleTests
{
    private static readonly OrderStatus[] HappyPath =
    [
        OrderStatus.Initiated, OrderStatus.FileUploaded, OrderStatus.Submitted, OrderStatus.PriceCalculated,
        OrderStatus.ManufacturingApproved, OrderStatus.ManufacturingStarted, OrderStatus.ManufacturingCompleted,
        OrderStatus.Packaging, OrderStatus.Shipped, OrderStatus.Closed,
    ];

    [Fact]
    public void The_happy_path_is_legal_step_by_step_and_nothing_skips_a_step()
    {
        for (var i = 0; i < HappyPath.Length - 1; i++)
        {
            Assert.True(OrderLifecycle.CanTransition(HappyPath[i], HappyPath[i + 1]), $"{HappyPath[i]} -> {HappyPath[i + 1]}");
            for (var j = i + 2; j < HappyPath.Length; j++)
            {
                Assert.False(OrderLifecycle.CanTransition(HappyPath[i], HappyPath[j]), $"{HappyPath[i]} -> {HappyPath[j]} skips a step");
            }

            for (var j = 0; j <= i; j++)
            {
                Assert.False(OrderLifecycle.CanTransition(HappyPath[i], HappyPath[j]), $"{HappyPath[i]} -> {HappyPath[j]} goes back");
            }
        }
    }

    [Fact]
    public void What_lies_ahead_is_the_rest_of_the_happy_path_and_nothing_once_final()
    {
        for (var i = 0; i < HappyPath.Length; i++)
        {
            Assert.Equal(HappyPath[(i + 1)..], OrderLifecycle.AheadOf(HappyPath[i]));
        }

        Assert.Empty(OrderLifecycle.AheadOf(OrderStatus.Rejected));
        Assert.Empty(OrderLifecycle.AheadOf(OrderStatus.Cancelled));
    }

    [Theory]
    [InlineData(OrderStatus.Submitted, OrderStatus.PriceCalculationFailed)]
    [InlineData(OrderStatus.PriceCalculated, OrderStatus.Rejected)]
    [InlineData(OrderStatus.Initiated, OrderStatus.Cancelled)]
    [InlineData(OrderStatus.FileUploaded, OrderStatus.Cancelled)]
    public void Each_failure_end_is_reachable_from_where_it_can_happen(OrderStatus from, OrderStatus to) =>
        Assert.True(OrderLifecycle.CanTransition(from, to));

    [Theory]
    [InlineData(OrderStatus.Submitted, OrderStatus.Cancelled)]
    [InlineData(OrderStatus.ManufacturingApproved, OrderStatus.Rejected)]
    [InlineData(OrderStatus.Shipped, OrderStatus.Cancelled)]
    public void Failure_ends_are_not_reachable_once_the_work_has_moved_on(OrderStatus from, OrderStatus to) =>
        Assert.False(OrderLifecycle.CanTransition(from, to));

    /// <summary>A message for a later stage waits for the earlier one (retried); one for a stage the order is past is poison.</summary>
    [Theory]
    [InlineData(OrderStatus.ManufacturingApproved, OrderStatus.ManufacturingCompleted, true)]
    [InlineData(OrderStatus.ManufacturingApproved, OrderStatus.Shipped, true)]
    [InlineData(OrderStatus.Submitted, OrderStatus.ManufacturingApproved, true)]
    [InlineData(OrderStatus.Submitted, OrderStatus.PriceCalculated, false)] // the next status: legal, not "later"
    [InlineData(OrderStatus.Shipped, OrderStatus.Packaging, false)] // the order is past it
    [InlineData(OrderStatus.Shipped, OrderStatus.Shipped, false)]
    [InlineData(OrderStatus.Rejected, OrderStatus.ManufacturingStarted, false)] // a final status: nothing comes later
    [InlineData(OrderStatus.PriceCalculationFailed, OrderStatus.ManufacturingApproved, false)]
    public void A_later_stage_is_one_reachable_beyond_the_next_status(OrderStatus from, OrderStatus to, bool later) =>
        Assert.Equal(later, OrderLifecycle.IsLaterStage(from, to));

    [Fact]
    public void Final_statuses_are_the_ends_and_nothing_follows_them()
    {
        var finals = Enum.GetValues<OrderStatus>().Where(OrderLifecycle.IsFinal).Order().ToArray();
        Assert.Equal([OrderStatus.Closed, OrderStatus.PriceCalculationFailed, OrderStatus.Rejected, OrderStatus.Cancelled], finals);
    }

    [Fact]
    public void Every_status_has_one_owner_as_the_business_assigns_them()
    {
        Assert.Equal(
            ["shop-api", "shop-api", "shop-api", "mes-api", "crm-api", "mes-api", "mes-api", "mes-api", "mes-api", "crm-api"],
            HappyPath.Select(OrderLifecycle.OwnerOf).ToArray());
        Assert.Equal("mes-api", OrderLifecycle.OwnerOf(OrderStatus.PriceCalculationFailed));
        Assert.Equal("crm-api", OrderLifecycle.OwnerOf(OrderStatus.Rejected));
        Assert.Equal("shop-api", OrderLifecycle.OwnerOf(OrderStatus.Cancelled));
    }

    [Fact]
    public void A_stage_is_owned_by_the_service_whose_step_ends_it_and_every_next_status_has_that_owner()
    {
        Assert.Equal(
            ["shop-api", "shop-api", "mes-api", "crm-api", "mes-api", "mes-api", "mes-api", "mes-api", "crm-api", "(none)"],
            HappyPath.Select(status => OrderLifecycle.StageOwnerOf(status) ?? "(none)").ToArray());
        foreach (var status in Enum.GetValues<OrderStatus>().Where(status => !OrderLifecycle.IsFinal(status)))
        {
            Assert.All(OrderLifecycle.NextOf(status), next => Assert.Equal(OrderLifecycle.StageOwnerOf(status), OrderLifecycle.OwnerOf(next)));
        }
    }

    [Fact]
    public void An_illegal_change_throws_with_both_statuses_named()
    {
        var orderId = Guid.NewGuid();
        var exception = Assert.Throws<IllegalTransitionException>(() => OrderLifecycle.EnsureCanTransition(orderId, OrderStatus.Initiated, OrderStatus.Shipped));
        Assert.Equal(OrderStatus.Initiated, exception.From);
        Assert.Equal(OrderStatus.Shipped, exception.To);
        Assert.Contains("INITIATED", exception.Message);
        Assert.Contains("SHIPPED", exception.Message);
    }
}
