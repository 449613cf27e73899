namespace Alexandrite.Shop.Web.Services;

/// <summary>Crm.Api as the web front end sees it, called with the signed-in user's access token.</summary>
internal sealed class CrmApiClient(HttpClient http)
{
    public Task<JourneyView?> GetJourneyAsync(Guid id, CancellationToken cancellationToken) =>
        http.GetOrNullAsync<JourneyView>($"/api/orders/{id}/journey", cancellationToken);

    /// <summary>Orders past their stage's time limit, longest waiting first.</summary>
    public async Task<IReadOnlyList<StuckOrderView>> StuckOrdersAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<IReadOnlyList<StuckOrderView>>("/api/orders/stuck", cancellationToken) ?? [];

    /// <summary>Every message waiting in a dead-letter queue (support only).</summary>
    public async Task<IReadOnlyList<DeadLetterView>> DeadLettersAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<IReadOnlyList<DeadLetterView>>("/api/dead-letters", cancellationToken) ?? [];

    /// <summary>Support's alert inbox: what Alertmanager sent, firing first (support only).</summary>
    public async Task<IReadOnlyList<SupportAlertView>> AlertsAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<IReadOnlyList<SupportAlertView>>("/api/alerts", cancellationToken) ?? [];

    /// <summary>Sends one dead letter (or, without an id, all of them) back to its queue.</summary>
    public Task<ApiOutcome> RedriveAsync(Guid? messageId, CancellationToken cancellationToken) =>
        http.CommandAsync(HttpMethod.Post, messageId is { } id ? $"/api/dead-letters/{id}/redrive" : "/api/dead-letters/redrive", null, cancellationToken);

    public async Task<IReadOnlyList<PendingApprovalView>> PendingApprovalsAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<IReadOnlyList<PendingApprovalView>>("/api/approvals/pending", cancellationToken) ?? [];

    public Task<ApiOutcome> ApproveAsync(Guid id, CancellationToken cancellationToken) =>
        http.CommandAsync(HttpMethod.Post, $"/api/orders/{id}/approve", null, cancellationToken);

    public Task<ApiOutcome> RejectAsync(Guid id, string? reason, CancellationToken cancellationToken) =>
        http.CommandAsync(HttpMethod.Post, $"/api/orders/{id}/reject", JsonContent.Create(new { reason }), cancellationToken);

    public Task<ApiOutcome> ConfirmReceiptAsync(Guid id, CancellationToken cancellationToken) =>
        http.CommandAsync(HttpMethod.Post, $"/api/orders/{id}/confirm-receipt", null, cancellationToken);
}

internal sealed record PendingApprovalView(Guid OrderId, decimal Price, string Currency, string Material, DateTime QuotedAt);

internal sealed record JourneyView(
    Guid OrderId, string Status, string? OwnerService, string? WaitingOn, string? Cause, string? TraceId, JourneyLinksView Links, IReadOnlyList<JourneyStepView> Steps,
    IReadOnlyList<RedriveView> Redrives, StuckView? Stuck, IReadOnlyList<StageAheadView>? Ahead);

internal sealed record StageAheadView(string Status, string SetBy, string? OwnerService);

internal sealed record RedriveView(string MessageType, string Queue, string Reason, string RedrivenBy, DateTimeOffset RedrivenAt);

internal sealed record DeadLetterView(
    string Queue, string Service, Guid MessageId, Guid OrderId, string MessageType, string Reason, DateTimeOffset? DeadLetteredAt, int FailedDeliveries);

internal sealed record SupportAlertView(
    string Name, string Status, string? Severity, string? Stage, string? Service, string? Summary, string? Description, DateTimeOffset StartsAt, DateTimeOffset? EndsAt)
{
    public bool IsFiring => Status == "firing";
}

internal sealed record JourneyLinksView(Uri? Jaeger, Uri? Dashboard);

internal sealed record JourneyStepView(
    string Status, DateTimeOffset EnteredAt, DateTimeOffset? LeftAt, TimeSpan? TimeSpent, string SetBy, string Actor, string? Reason, string? TraceId,
    DateTimeOffset? ReportedStuckAt, string? OwnerService, JourneyLinksView? Links);

internal sealed record StuckView(string Stage, string? OwnerService, string? WaitingOn, DateTimeOffset Since, TimeSpan Age, TimeSpan Limit);

internal sealed record StuckOrderView(Guid OrderId, string Stage, string? OwnerService, string? WaitingOn, DateTimeOffset Since, TimeSpan Age, TimeSpan Limit, string? TraceId);
