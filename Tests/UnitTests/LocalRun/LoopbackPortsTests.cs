using Alexandrite.LocalRun.Infrastructure;

namespace Alexandrite.UnitTests.LocalRun;

public sealed class LoopbackPortsTests
{
    [Fact]
    public void Free_ports_are_distinct_free_below_the_ephemeral_range_and_never_handed_out_twice()
    {
        var ephemeralStart = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t', ' ')[0], System.Globalization.CultureInfo.InvariantCulture);

        var first = LoopbackPorts.PickFree(10);
        var second = LoopbackPorts.PickFree(10);

        Assert.Equal(20, first.Concat(second).Distinct().Count());
        Assert.All(first.Concat(second), port => Assert.InRange(port, 20000, ephemeralStart - 1));
        Assert.All(first.Concat(second), port => Assert.True(LoopbackPorts.IsFree(port)));
    }
}
