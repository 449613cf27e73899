using OpenTelemetry.Metrics;

namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>
/// The instruments of the libraries' meters that are not collected: each is measured per I/O operation rather than per
/// request (a read or a flush of Npgsql's buffers, a block rented from Kestrel's memory pool), several times for every
/// request, and no dashboard, alert rule or question about an order reads them. Under load they were a quarter of what
/// metrics cost Shop.Api, and metrics most of what telemetry cost it at 10% sampling (the benchmark's profile, README
/// Performance). A dropped instrument is never enabled (https://opentelemetry.io/docs/specs/otel/metrics/sdk/#view), so
/// the library's measurement costs a check and nothing more. The rest of each meter stays: Npgsql's command durations
/// and pool usage, and every instrument of the HTTP server and client.
/// </summary>
internal static class MetricViews
{
    public static readonly string[] DroppedInstruments =
    [
        "db.client.operation.npgsql.bytes_read",
        "db.client.operation.npgsql.bytes_written",
        "aspnetcore.memory_pool.*",
    ];

    public static MeterProviderBuilder DropPerOperationInstruments(this MeterProviderBuilder metrics)
    {
        foreach (var instrument in DroppedInstruments)
        {
            metrics.AddView(instrument, MetricStreamConfiguration.Drop);
        }

        return metrics;
    }
}
