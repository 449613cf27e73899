using Microsoft.Extensions.Configuration;

namespace Alexandrite.ServiceDefaults.Clients;

/// <summary>Reads ConnectionStrings:&lt;resource name&gt;, the key the AppHost's WithReference injects.</summary>
internal static class ConnectionStrings
{
    public static string Require(IConfiguration configuration, string connectionName) =>
        configuration.GetConnectionString(connectionName) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"ConnectionStrings:{connectionName} is not configured. The AppHost injects it through WithReference; " +
                $"without the AppHost set the environment variable ConnectionStrings__{connectionName}.");
}
