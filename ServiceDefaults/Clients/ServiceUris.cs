using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Finds another service's base address in configuration, where the AppHost's WithReference puts it
/// (services:&lt;name&gt;:&lt;endpoint&gt;:0, from the variable services__shop-api__http__0). Stands in
/// for Microsoft.Extensions.ServiceDiscovery's "http://shop-api" resolution, which is not referenced.
/// </summary>
public static class ServiceUris
{
    public static Uri GetServiceUri(this IConfiguration configuration, string serviceName) =>
        (configuration[$"services:{serviceName}:https:0"] ?? configuration[$"services:{serviceName}:http:0"]) is { Length: > 0 } address
            ? new Uri(address)
            : throw new InvalidOperationException(
                $"No address for the service '{serviceName}'. The AppHost injects it through WithReference; " +
                $"without the AppHost set services__{serviceName}__http__0.");
}
