using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Alexandrite.Crm.Api.Watchdog;

/// <summary>
/// Where a page of the stuck list ends: the last order's stage start and id, the list's sort key. Not the order id
/// alone, as the operator queue's cursor is: a stuck order moves on as soon as support frees it, which changes its
/// stage start, and the next page must not depend on it. Written as "&lt;since, UTC, to the microsecond&gt;_&lt;id&gt;".
/// </summary>
internal sealed record StuckListCursor(DateTimeOffset Since, Guid OrderId)
{
    private const string SinceFormat = "yyyyMMdd'T'HHmmss.ffffff'Z'";

    public static StuckListCursor After(OrderInStage order) => new(order.Since, order.OrderId);

    public override string ToString() =>
        $"{Since.UtcDateTime.ToString(SinceFormat, CultureInfo.InvariantCulture)}_{OrderId:N}";

    public static bool TryParse(string? text, [NotNullWhen(true)] out StuckListCursor? cursor)
    {
        cursor = null;
        if (text?.Split('_') is not [var since, var id]
            || !DateTime.TryParseExact(since, SinceFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            || !Guid.TryParseExact(id, "N", out var orderId))
        {
            return false;
        }

        cursor = new StuckListCursor(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)), orderId);
        return true;
    }
}
