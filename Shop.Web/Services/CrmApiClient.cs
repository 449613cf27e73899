using System.Globalization;
using System.Net;

namespace Alexandrite.Shop.Web.Services;

/// <summary>Crm.Api as the web front end sees it, called with the signed-in user's access token.</summary>
internal sealed class CrmApiClient(HttpClient http)
{
    public Task<JourneyView?> GetJourneyAsync(Guid id, CancellationToken cancellationToken) =>
        http.GetOrNullAsync<JourneyView>($"/api/orders/{id}/journey", cancellationToken);

    /// <summary>
    /// A page of the orders past their stage's time limit, longest waiting first, of one stage when
    /// <paramref name="stage"/> names it; the first page when <paramref name="after"/> (from an old link) is refused,
    /// and none, saying why, when the stage is not one the watchdog watches.
    /// </summary>
    public async Task<StuckOrdersPageView> StuckOrdersAsync(string? stage, string? after, int? limit, CancellationToken cancellationToken)
    {
        var query = QueryString.Create(new Dictionary<string, string?> { ["stage"] = stage, ["after"] = after, ["limit"] = limit?.ToString(CultureInfo.InvariantCulture) }
            .Where(parameter => parameter.Value is not null));
        using var response = await http.GetAsync("/api/orders/stuck" + query, cancellationToken);
        if (after is not null && response.StatusCode == HttpStatusCode.BadRequest)
        {
            return await StuckOrdersAsync(stage, null, limit, cancellationToken);
        }

        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            return new StuckOrdersPageView([], null) { Refused = $"The watchdog does not watch a stage called {stage}." };
        }

        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<StuckOrdersPageView>(cancellationToken) ?? new StuckOrdersPageView([], null)) with { After = after };
    }

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

/// <param name="Next">The "after" of the next page; null on the last.</param>
internal sealed record StuckOrdersPageView(IReadOnlyList<StuckOrderView> Orders, string? Next)
{
    /// <summary>Why Crm.Api refused the question (a stage it does not watch), if it did.</summary>
    public string? Refused { get; init; }

    /// <summary>The position this page starts after; null for the first page.</summary>
    public string? After { get; init; }
}

internal sealed record StuckOrderView(Guid OrderId, string Stage, string? OwnerService, string? WaitingOn, DateTimeOffset Since, TimeSpan Age, TimeSpan Limit, string? TraceId);
