namespace Alexandrite.Shop.Web.Services;

/// <summary>Crm.Api as the web front end sees it: the order's journey (Crm.Api watches order status, see its Extensions).</summary>
internal sealed class CrmApiClient(HttpClient http)
{
    public Task<JourneyView?> GetJourneyAsync(Guid id, CancellationToken cancellationToken) =>
        http.GetOrNullAsync<JourneyView>($"/api/orders/{id}/journey", cancellationToken);
}

internal sealed record JourneyView(
    Guid OrderId, string Status, string? OwnerService, string? TraceId, JourneyLinksView Links, IReadOnlyList<JourneyStepView> Steps, StuckView? Stuck);

internal sealed record JourneyLinksView(Uri? Jaeger, Uri? Dashboard);

internal sealed record JourneyStepView(
    string Status, DateTimeOffset EnteredAt, DateTimeOffset? LeftAt, TimeSpan? TimeSpent, string SetBy, string Actor, string? Reason, string? TraceId,
    DateTimeOffset? ReportedStuckAt);

internal sealed record StuckView(string Stage, string? OwnerService, DateTimeOffset Since, TimeSpan Age, TimeSpan Limit);
