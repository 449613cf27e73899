using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>
/// The ActivitySource and Meter of the Alexandrite code itself. Their names start with
/// <see cref="TelemetrySources.AlexandritePrefix"/>, which ServiceDefaults listens to.
/// </summary>
public static class AlexandriteTelemetry
{
    public static readonly ActivitySource Orders = new(TelemetrySources.AlexandritePrefix + ".Orders");

    public static readonly ActivitySource Messaging = new(TelemetrySources.AlexandritePrefix + ".Messaging");

    public static readonly ActivitySource Storage = new(TelemetrySources.AlexandritePrefix + ".Storage");

    /// <summary>The browser's part of a trace: the page's spans, relayed by Shop.Web (BrowserSpanRelay there) through the same pipeline.</summary>
    public static readonly ActivitySource Browser = new(TelemetrySources.AlexandritePrefix + ".Browser");

    public static readonly Meter Meter = new(TelemetrySources.AlexandritePrefix + ".Orders");
}
