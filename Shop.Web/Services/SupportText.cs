using System.Globalization;

namespace Alexandrite.Shop.Web.Services;

/// <summary>How support's pages write times and durations: the same way on the journey and the stuck list.</summary>
internal static class SupportText
{
    /// <summary>"2026-12-01 19:23:45Z": sortable, unambiguous, the same in every locale.</summary>
    public static string Time(DateTimeOffset value) => value.ToString("u", CultureInfo.InvariantCulture);

    /// <summary>The time of day alone ("19:23:45Z") when <paramref name="value"/> falls on the day of <paramref name="earlier"/>.</summary>
    public static string TimeAfter(DateTimeOffset value, DateTimeOffset earlier) =>
        value.UtcDateTime.Date == earlier.UtcDateTime.Date ? value.UtcDateTime.ToString("HH:mm:ss'Z'", CultureInfo.InvariantCulture) : Time(value);

    /// <summary>"2d 03:04:05" or "00:12:31.4": days only when there are any, tenths only under a minute.</summary>
    public static string Duration(TimeSpan value) => value switch
    {
        { TotalDays: >= 1 } => value.ToString(@"d\d\ hh\:mm\:ss", CultureInfo.InvariantCulture),
        { TotalMinutes: >= 1 } => value.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture),
        _ => value.ToString(@"hh\:mm\:ss\.f", CultureInfo.InvariantCulture),
    };

    /// <summary>A number of seconds for a &lt;meter&gt;'s value or max (invariant: a decimal point in every locale).</summary>
    public static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
