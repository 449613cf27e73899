using System.Net;
using Alexandrite.Contracts;

namespace Alexandrite.Shop.Web.Services;

/// <summary>Mes.Api's operator endpoints, called with the signed-in operator's access token.</summary>
internal sealed class MesApiClient(HttpClient http)
{
    /// <summary>
    /// One page of the queue, oldest first, after the job <paramref name="after"/> (the last of the previous page);
    /// the first page when Mes.Api knows no such job (a link from another system, say).
    /// </summary>
    public async Task<OperatorQueueView> QueueAsync(Guid? after, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(after is { } id ? $"/api/operator/queue?after={id}" : "/api/operator/queue", cancellationToken);
        if (after is not null && response.StatusCode == HttpStatusCode.BadRequest)
        {
            return await QueueAsync(null, cancellationToken);
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<OperatorQueueView>(cancellationToken) ?? new OperatorQueueView([], null);
    }

    /// <summary>One operator step: start, complete, package or ship.</summary>
    public Task<ApiOutcome> AdvanceAsync(Guid id, string step, CancellationToken cancellationToken) =>
        http.CommandAsync(HttpMethod.Post, $"/api/operator/orders/{id}/{step}", null, cancellationToken);
}

internal sealed record OperatorQueueView(IReadOnlyList<QueuedJobView> Jobs, Guid? Next);

internal sealed record QueuedJobView(Guid OrderId, string Status, string Material, decimal Price, DateTime ApprovedAt)
{
    /// <summary>The operator's next step for a job in this status (the endpoint's last path segment), or null.</summary>
    public string? NextStep => OrderStatusNames.TryParse(Status, out var status) ? OperatorSteps.NextFrom(status) : null;
}
