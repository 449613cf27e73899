using OpenTelemetry.Metrics;

namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>
/// The instruments of the libraries' meters that are not collected: each is measured per I/O operation or per step of
/// a request rather than once per request (a read or a flush of Npgsql's buffers, a block rented from Kestrel's memory
/// pool, a command in flight, a route matched, an authentication or authorization decision), several times for every
/// request, and no dashboard, alert rule or question about an order reads them. Measurements were the largest part of
/// what telemetry cost Shop.Api at 10% sampling (the benchmark's profiles, README Performance). A dropped instrument is
/// never enabled (https://opentelemetry.io/docs/specs/otel/metrics/sdk/#view), so the library's measurement costs a
/// check and nothing more. The rest of each meter stays: Npgsql's command durations, failures and pool usage (what the
/// connection budget is about), every instrument of the HTTP server (durations, requests in flight) and client.
/// </summary>
internal static class MetricViews
{
    public static readonly string[] DroppedInstruments =
    [
        "db.client.operation.npgsql.bytes_read",
        "db.client.operation.npgsql.bytes_written",

        // Commands in flight, counted up and down around each: the pool's usage (db.client.connection.count) says it.
        "db.client.operation.npgsql.executing",
        "aspnetcore.memory_pool.*",

        // Once per request each, beside http.server.request.duration, which already says the route and the outcome
        // (401 and 403 included).
        "aspnetcore.routing.match_attempts",
        "aspnetcore.authentication.*",
        "aspnetcore.authorization.*",
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
