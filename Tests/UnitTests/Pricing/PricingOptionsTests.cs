extern alias MesApi;

using MesApi::Alexandrite.Mes.Api.Pricing;

namespace Alexandrite.UnitTests.Pricing;

/// <summary>What Mes.Api refuses to start with (Pricing:*): a concurrency outside 1 to 256, a negative time scale.</summary>
public sealed class PricingOptionsTests
{
    [Theory]
    [InlineData(1, 1.0, true)]
    [InlineData(PricingOptions.MaxConcurrency, 0.0, true)]
    [InlineData(0, 1.0, false)]
    [InlineData(PricingOptions.MaxConcurrency + 1, 1.0, false)]
    [InlineData(16, -0.5, false)]
    [InlineData(16, double.NaN, false)]
    public void Concurrency_and_time_scale_are_checked(int concurrency, double timeScale, bool valid) =>
        Assert.Equal(valid, new PricingOptions { Concurrency = concurrency, TimeScale = timeScale }.IsValid());

    [Fact]
    public void Several_calculations_run_at_once_by_default() =>
        Assert.True(new PricingOptions().Concurrency > 1);
}
