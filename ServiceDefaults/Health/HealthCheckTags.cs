namespace Alexandrite.ServiceDefaults.Health;

/// <summary>Tags that sort health checks between the two endpoints.</summary>
public static class HealthCheckTags
{
    /// <summary>Checks tagged live run on /alive; every check runs on /health.</summary>
    public const string Live = "live";

    /// <summary>Checks of an external dependency (database, broker, storage).</summary>
    public const string Ready = "ready";
}
