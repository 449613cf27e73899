using System.Diagnostics;
using Npgsql;

namespace Alexandrite.UnitTests.ServiceDefaults;

/// <summary>Which database commands get a span: those of sampled traces and those outside any trace, not those of unsampled traces.</summary>
public sealed class NpgsqlCommandSpansTests
{
    [Fact]
    public void A_command_in_a_sampled_trace_gets_a_span()
    {
        using var parent = new Activity("SubmitOrder") { ActivityTraceFlags = ActivityTraceFlags.Recorded }.Start();

        Assert.True(NpgsqlCommandSpanExtensions.IsTraced(parent));
    }

    [Fact]
    public void A_command_in_an_unsampled_trace_gets_none()
    {
        using var parent = new Activity("SubmitOrder").Start();

        Assert.False(parent.Recorded);
        Assert.False(NpgsqlCommandSpanExtensions.IsTraced(parent));
    }

    [Fact]
    public void A_command_outside_any_trace_gets_one_to_start_its_own() =>
        Assert.True(NpgsqlCommandSpanExtensions.IsTraced(null));
}
