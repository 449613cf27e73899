using Microsoft.Extensions.Logging;

namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>
/// Which log records are exported, bound from "Telemetry:Logs" (see <see cref="TraceBasedLogFilter"/>). Which records are
/// written at all is the standard Logging:LogLevel configuration (each service's appsettings.json); this decides, of
/// those, which ones leave the process.
/// </summary>
public sealed class LogExportOptions
{
    /// <summary>
    /// Records below <see cref="AlwaysExportFrom"/> written inside a trace are exported only when that trace is sampled,
    /// so that their cost follows the sampling ratio as the spans' does. Off: every record written is exported.
    /// </summary>
    public bool TraceBased { get; set; } = true;

    /// <summary>Records at this level or above are exported whatever their trace's sampling decision: warnings and errors always.</summary>
    public LogLevel AlwaysExportFrom { get; set; } = LogLevel.Warning;
}
