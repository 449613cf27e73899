using System.Globalization;
using Alexandrite.Contracts;

namespace Alexandrite.LocalRun.Services;

/// <summary>
/// The environment a service process gets: the same variables the Aspire AppHost injects into a project
/// resource (https://aspire.dev/fundamentals/environment-variables/), so the service cannot tell the two
/// faces apart.
/// </summary>
public static class ServiceEnvironment
{
    /// <summary>
    /// Export settings the AppHost gives projects in development: short batch delays so telemetry shows up
    /// within a second (https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/).
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> DevelopmentTelemetryDefaults = new Dictionary<string, string>
    {
        ["OTEL_BSP_SCHEDULE_DELAY"] = "1000",
        ["OTEL_BLRP_SCHEDULE_DELAY"] = "1000",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
    };

    public static Dictionary<string, string?> Build(
        ServiceDefinition service,
        Func<string, Uri> serviceUri,
        Func<string, string> connectionString,
        LocalSystemOptions options)
    {
        var address = serviceUri(service.ResourceName);
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/'),
            ["ASPNETCORE_ENVIRONMENT"] = options.EnvironmentName,
            ["DOTNET_ENVIRONMENT"] = options.EnvironmentName,
            ["OTEL_SERVICE_NAME"] = service.ResourceName,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={service.ResourceName}-{Guid.NewGuid():N}",
        };

        foreach (var (name, value) in DevelopmentTelemetryDefaults)
        {
            environment[name] = value;
        }

        foreach (var name in service.ConnectionNames)
        {
            environment[$"ConnectionStrings__{name}"] = connectionString(name);
        }

        foreach (var name in service.ServiceReferences)
        {
            var reference = serviceUri(name).ToString().TrimEnd('/');
            environment[$"services__{name}__http__0"] = reference;
            environment[$"{name.ToUpperInvariant().Replace('-', '_')}_HTTP"] = reference;
        }

        if (service.Secrets.HasFlag(ServiceSecrets.SigningKey))
        {
            environment[ServiceConfiguration.SigningKey] = options.Credentials.SigningKey;
        }

        if (service.Secrets.HasFlag(ServiceSecrets.Users))
        {
            foreach (var (name, value) in options.Credentials.UserVariables())
            {
                environment[name] = value;
            }
        }

        // The caller's telemetry settings (OTEL_EXPORTER_OTLP_*, Telemetry__Jaeger__*) apply to every service,
        // then anything given for this service alone.
        foreach (var (name, value) in options.SharedEnvironment)
        {
            environment[name] = value;
        }

        if (options.ServiceEnvironment.TryGetValue(service.ResourceName, out var own))
        {
            foreach (var (name, value) in own)
            {
                environment[name] = value;
            }
        }

        return environment;
    }

    /// <summary>
    /// The variables of this process that configure telemetry, passed on to every service so a user can point
    /// the whole system at their own collector or Jaeger: OTEL_* (except the per-service name and resource),
    /// the Telemetry__ section of ServiceDefaults, and the Journey__ section (Crm.Api's links to Jaeger and the
    /// dashboard, which go where the traces go).
    /// </summary>
    public static Dictionary<string, string?> TelemetryFromCurrentProcess()
    {
        var passed = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var name = (string)entry.Key;
            var isTelemetry = (name.StartsWith("OTEL_", StringComparison.Ordinal) && name is not ("OTEL_SERVICE_NAME" or "OTEL_RESOURCE_ATTRIBUTES"))
                || name.StartsWith("Telemetry__", StringComparison.Ordinal)
                || name.StartsWith("Journey__", StringComparison.Ordinal);
            if (isTelemetry)
            {
                passed[name] = Convert.ToString(entry.Value, CultureInfo.InvariantCulture);
            }
        }

        return passed;
    }
}
