namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>
/// Telemetry:Prometheus: where the service lets Prometheus scrape its metrics (GET /metrics on a port of its own,
/// <see cref="PrometheusScrapePort"/>). A port of its own, not a route of the service: the scrape endpoint is no part
/// of the service's API, so no route inventory, authorization policy or public list has to account for it, and it is
/// reachable only where that port is (the AppHost gives it an internal "metrics" endpoint). Off when no port is set.
/// </summary>
public sealed class PrometheusScrapeOptions
{
    public int? Port { get; set; }
}
