using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Alexandrite.ServiceDefaults.Substitutes;

/// <summary>
/// Stands in for OpenTelemetry.Extensions.Hosting's <c>services.AddOpenTelemetry()</c>: the SDK's
/// WithTracing/WithMetrics/WithLogging extensions only need an <see cref="IOpenTelemetryBuilder"/>, and the
/// providers they register must be resolved once at start, or nothing is ever exported.
/// </summary>
internal static class OpenTelemetryHosting
{
    public static IOpenTelemetryBuilder AddOpenTelemetryWithHostLifetime(this IServiceCollection services)
    {
        // Registered once even when called twice; the hosted service is what makes the providers live.
        if (!services.Any(d => d.ImplementationType == typeof(TelemetryProvidersHostedService)))
        {
            services.AddHostedService<TelemetryProvidersHostedService>();
        }

        return new ServiceCollectionOpenTelemetryBuilder(services);
    }

    private sealed class ServiceCollectionOpenTelemetryBuilder(IServiceCollection services) : IOpenTelemetryBuilder
    {
        public IServiceCollection Services { get; } = services;
    }

    /// <summary>
    /// Resolves the providers when the host starts so that listeners attach before the first request.
    /// They are singletons of the container: disposing the host flushes and shuts them down.
    /// </summary>
    private sealed class TelemetryProvidersHostedService(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = services.GetService<TracerProvider>();
            _ = services.GetService<MeterProvider>();
            _ = services.GetService<LoggerProvider>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
