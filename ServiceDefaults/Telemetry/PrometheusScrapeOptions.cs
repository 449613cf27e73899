namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>
/// Telemetry:Prometheus: where the service lets Prometheus scrape its metrics (the OpenTelemetry Prometheus exporter's
/// own HTTP listener, GET /metrics). A port of its own, not a route of the service: the scrape endpoint is no part of
/// the service's API, so no route inventory, authorization policy or public list has to account for it, and it is
/// reachable only where that port is (the AppHost gives it an internal "metrics" endpoint). Off when no port is set.
/// </summary>
public sealed class PrometheusScrapeOptions
{
    public int? Port { get; set; }

    /// <summary>
    /// The host name the listener answers to, which is also what it binds: loopback. The listener matches requests by
    /// their Host header, so Prometheus must scrape this very name and port (the AppHost's endpoint is not proxied).
    /// </summary>
    public string Host { get; set; } = "localhost";
}
