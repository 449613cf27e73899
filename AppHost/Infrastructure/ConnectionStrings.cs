namespace Alexandrite.AppHost.Infrastructure;

internal static class ConnectionStrings
{
    /// <summary>
    /// The resource's connection string, known once the orchestrator has allocated its endpoints
    /// (ConnectionStringAvailableEvent): what the AppHost's own health checks and start-up work connect with, as
    /// Aspire's hosting integrations do.
    /// </summary>
    public static Func<string> WhenAvailable(this IDistributedApplicationBuilder builder, IResourceWithConnectionString resource)
    {
        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(resource, async (_, ct) =>
            connectionString = await resource.ConnectionStringExpression.GetValueAsync(ct).ConfigureAwait(false));
        return () => connectionString ?? throw new InvalidOperationException($"The connection string of {resource.Name} is not known yet.");
    }
}
