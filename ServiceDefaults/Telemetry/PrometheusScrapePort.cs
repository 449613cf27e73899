using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>
/// Serves the metrics for Prometheus (OpenTelemetry.Exporter.Prometheus.AspNetCore) on Telemetry:Prometheus:Port,
/// which Kestrel listens on besides the service's own URLs. Whatever reaches that port is answered here, in front of
/// the service's pipeline: GET /metrics, else 404, so the service's API is never served there and the scrape is
/// never a route of it.
/// <para>
/// Kestrel, not the exporter's stand-alone HttpListener: on Linux, System.Net.HttpListener's Start() throws when a
/// connection is already waiting as it begins to accept (https://github.com/dotnet/corefx/issues/35191), and
/// Prometheus, which keeps scraping a service's port while the service starts or restarts, sometimes was that
/// connection. The service then failed to start.
/// </para>
/// </summary>
internal sealed class PrometheusScrapePort(int port) : IStartupFilter
{
    public const string MetricsPath = "/metrics";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        // The host has already put its URLs (ASPNETCORE_URLS) into the server's addresses, and Kestrel binds them
        // after the pipeline is built. The AppHost leaves this port out of ASPNETCORE_URLS: an endpoint with an
        // environment variable of its own is not injected there.
        app.ServerFeatures.Get<IServerAddressesFeature>()?.Addresses.Add($"http://localhost:{port}");
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: context => IsScrapePort(context, port),
            path: null,
            configureBranchedPipeline: scrape => scrape.Use(OnlyTheMetricsPath),
            optionsName: null);
        next(app);
    };

    /// <summary>Whether the request came in on the scrape port (ServerSpans leaves such requests untraced).</summary>
    public static bool IsScrapePort(HttpContext context, int? port) => context.Connection.LocalPort == port;

    private static Task OnlyTheMetricsPath(HttpContext context, RequestDelegate next)
    {
        // Scrapes are telemetry about telemetry: not counted in the service's own http.server.request.duration.
        if (context.Features.Get<IHttpMetricsTagsFeature>() is { } metrics)
        {
            metrics.MetricsDisabled = true;
        }

        if (!HttpMethods.IsGet(context.Request.Method) || context.Request.Path != MetricsPath)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return next(context);
    }
}
