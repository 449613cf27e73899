namespace Alexandrite.Crm.Api.Journey;

/// <summary>
/// Where support opens an order's trace, bound from the "Journey" section (environment: Journey__JaegerUrl,
/// Journey__DashboardUrl). Unset: the journey has no such link.
/// </summary>
public sealed class JourneyOptions
{
    public const string SectionName = "Journey";

    /// <summary>Jaeger's UI, e.g. http://127.0.0.1:16686; a trace is at {JaegerUrl}/trace/{traceId}.</summary>
    public Uri? JaegerUrl { get; set; }

    /// <summary>The Aspire dashboard, e.g. http://localhost:18888; a trace is at {DashboardUrl}/traces/detail/{traceId}.</summary>
    public Uri? DashboardUrl { get; set; }

    /// <summary>
    /// How long the journey waits for the stage's owner to say what holds the order (Mes.Api's price calculation):
    /// longer than a healthy answer, short enough that support's page does not hang on a slow MES.
    /// </summary>
    public TimeSpan OwnerAnswerTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public JourneyLinks LinksFor(string? traceId) => traceId is null
        ? new JourneyLinks(null, null)
        : new JourneyLinks(Link(JaegerUrl, "trace/" + traceId), Link(DashboardUrl, "traces/detail/" + traceId));

    private static Uri? Link(Uri? root, string path) => root is null ? null : new Uri(root.ToString().TrimEnd('/') + "/" + path);
}

/// <summary>Deep links to the order's trace; each null when its UI is not configured.</summary>
public sealed record JourneyLinks(Uri? Jaeger, Uri? Dashboard);
