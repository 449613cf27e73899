extern alias CrmApi;

using CrmApi::Alexandrite.Crm.Api.Watchdog;

namespace Alexandrite.UnitTests.Watchdog;

/// <summary>
/// The stuck list's position survives the round trip through a URL exactly: PostgreSQL keeps a stage start to the
/// microsecond, and a position a microsecond off would repeat or skip the orders that entered their stage together.
/// </summary>
public sealed class StuckListCursorTests
{
    [Fact]
    public void A_position_reads_back_to_the_microsecond()
    {
        var since = new DateTimeOffset(2026, 11, 12, 1, 52, 40, TimeSpan.Zero).AddTicks(3_510_040);
        var cursor = new StuckListCursor(since, Guid.Parse("26ff2461-2a8f-501f-e160-613879fe73bd"));

        Assert.Equal("20261112T015240.351004Z_26ff24612a8f501fe160613879fe73bd", cursor.ToString());
        Assert.True(StuckListCursor.TryParse(cursor.ToString(), out var read));
        Assert.Equal(cursor, read);
        Assert.Equal(TimeSpan.Zero, read.Since.Offset);
    }

    [Fact]
    public void A_position_in_another_offset_is_written_in_UTC()
    {
        var cursor = new StuckListCursor(new DateTimeOffset(2026, 11, 12, 3, 52, 40, TimeSpan.FromHours(2)), Guid.Empty);

        Assert.StartsWith("20261112T015240.000000Z_", cursor.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-position")]
    [InlineData("20261112T015240.351004Z")]
    [InlineData("20261112T015240.351004Z_not-a-guid")]
    [InlineData("20261112T015240Z_26ff24612a8f501fe160613879fe73bd")]
    [InlineData("2026-11-12T01:52:40Z_26ff24612a8f501fe160613879fe73bd")]
    [InlineData("20261112T015240.351004Z_26ff2461-2a8f-501f-e160-613879fe73bd_x")]
    public void Anything_else_is_not_a_position(string? text)
    {
        Assert.False(StuckListCursor.TryParse(text, out var cursor));
        Assert.Null(cursor);
    }
}
