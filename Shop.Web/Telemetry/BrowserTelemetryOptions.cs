namespace Alexandrite.Shop.Web.Telemetry;

/// <summary>
/// What one export of the page's spans may hold (Telemetry:Browser): the relay is open to every signed-in user, so
/// each request is bounded in bytes, spans, attributes and events before anything is parsed into an Activity.
/// The page's batch processor sends at most 64 spans per request (Client/telemetry.js): these leave it room.
/// </summary>
public sealed class BrowserTelemetryOptions
{
    public const string SectionName = "Telemetry:Browser";

    /// <summary>Largest request body accepted; larger ones are answered 413.</summary>
    public int MaxRequestBytes { get; set; } = 256 * 1024;

    /// <summary>Most spans in one request; more are answered 400.</summary>
    public int MaxSpansPerRequest { get; set; } = 128;

    /// <summary>Attributes kept per span (and per event); the rest are left out.</summary>
    public int MaxAttributesPerSpan { get; set; } = 32;

    /// <summary>Events kept per span (the fetch instrumentation's resource timings are about a dozen).</summary>
    public int MaxEventsPerSpan { get; set; } = 32;

    /// <summary>Longest attribute string kept; longer ones are cut.</summary>
    public int MaxAttributeLength { get; set; } = 1024;

    internal bool IsValid() =>
        MaxRequestBytes is > 0 and <= 16 * 1024 * 1024 && MaxSpansPerRequest is > 0 and <= 10_000
        && MaxAttributesPerSpan is >= 0 and <= 256 && MaxEventsPerSpan is >= 0 and <= 256 && MaxAttributeLength is > 0 and <= 64 * 1024;
}
