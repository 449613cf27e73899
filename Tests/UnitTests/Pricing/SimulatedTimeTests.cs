extern alias MesApi;

using MesApi::Alexandrite.Mes.Api.Pricing;

namespace Alexandrite.UnitTests.Pricing;

/// <summary>The simulated calculation always finishes: at scale 0 at once, at any other scale in steps that each advance.</summary>
public sealed class SimulatedTimeTests
{
    private static readonly TimeSpan Checkpoint = TimeSpan.FromSeconds(2);

    [Fact]
    public void At_scale_zero_the_whole_calculation_is_one_step_without_waiting()
    {
        Assert.Equal((TimeSpan.Zero, 1_800_000L), SimulatedTime.NextStep(0, 1_800_000, timeScale: 0, Checkpoint));
    }

    [Fact]
    public void At_scale_one_a_step_waits_one_checkpoint_interval_and_buys_as_much_simulated_time()
    {
        Assert.Equal((Checkpoint, 2_000L), SimulatedTime.NextStep(0, 60_000, timeScale: 1, Checkpoint));
        Assert.Equal((TimeSpan.FromMilliseconds(500), 60_000L), SimulatedTime.NextStep(59_500, 60_000, timeScale: 1, Checkpoint));
    }

    [Theory]
    [InlineData(0.02, 200_000)]
    [InlineData(1e-9, 5_000)]
    [InlineData(1.0, 10)]
    public void Every_scale_finishes_in_a_bounded_number_of_steps(double timeScale, long totalMs)
    {
        var (progress, steps) = (0L, 0);
        while (progress < totalMs)
        {
            var next = SimulatedTime.NextStep(progress, totalMs, timeScale, Checkpoint).ProgressMs;
            Assert.True(next > progress, $"stuck at {progress} of {totalMs} at scale {timeScale}");
            (progress, steps) = (next, steps + 1);
            Assert.True(steps <= 10_000, "too many steps");
        }

        Assert.Equal(totalMs, progress);
    }
}
