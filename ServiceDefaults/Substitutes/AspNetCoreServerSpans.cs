using Alexandrite.ServiceDefaults.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Alexandrite.ServiceDefaults.Substitutes;

/// <summary>
/// Stands in for OpenTelemetry.Instrumentation.AspNetCore. ASP.NET Core 10 starts a server span per request
/// on its own ActivitySource; this listens to it, asks ASP.NET Core for the request attributes it can add,
/// and registers the two pieces that add what it cannot (<see cref="ServerSpanMiddleware"/> and
/// <see cref="ServerSpanExceptionListener"/>).
/// </summary>
internal static class AspNetCoreServerSpans
{
    // When false, ASP.NET Core adds http.request.method, url.scheme, url.path, server.address/port and
    // user_agent.original to its span (https://learn.microsoft.com/aspnet/core/log-mon/metrics/built-in).
    private const string SuppressActivityOpenTelemetryDataSwitch = "Microsoft.AspNetCore.Hosting.SuppressActivityOpenTelemetryData";

    public static TracerProviderBuilder AddAspNetCoreServerSpans(this TracerProviderBuilder tracing)
    {
        AppContext.SetSwitch(SuppressActivityOpenTelemetryDataSwitch, false);

        return tracing
            .AddSource(TelemetrySources.AspNetCore)
            .ConfigureServices(services =>
            {
                if (!services.Any(d => d.ImplementationType == typeof(ServerSpanExceptionListener)))
                {
                    services.AddHostedService<ServerSpanExceptionListener>();
                }
            });
    }
}
