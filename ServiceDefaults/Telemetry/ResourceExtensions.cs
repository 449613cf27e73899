using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Resources;

namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>
/// The resource every signal carries (https://opentelemetry.io/docs/specs/semconv/resource/):
/// service.name, service.version, service.instance.id, host.name, deployment.environment.name.
/// </summary>
internal static class ResourceExtensions
{
    public static ResourceBuilder AddAlexandriteResource(this ResourceBuilder resource, IHostEnvironment environment, IConfiguration configuration)
    {
        var serviceName = configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } configured ? configured : environment.ApplicationName;
        var version = Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

        // The AppHost names the instance in OTEL_RESOURCE_ATTRIBUTES; keep a generated id only when nobody did.
        var instanceNamed = (configuration["OTEL_RESOURCE_ATTRIBUTES"] ?? "").Contains("service.instance.id=", StringComparison.Ordinal);

        return resource
            .AddService(serviceName, serviceVersion: version, autoGenerateServiceInstanceId: !instanceNamed)
            .AddAttributes(
            [
                new("host.name", Environment.MachineName),
                new("deployment.environment.name", environment.EnvironmentName),
            ])
            // Applied last so attributes given in OTEL_RESOURCE_ATTRIBUTES win over the defaults above.
            .AddEnvironmentVariableDetector();
    }
}
