using Alexandrite.Contracts;
using Alexandrite.Crm.Api.DeadLetters;
using Alexandrite.Crm.Api.Journey;
using Alexandrite.Crm.Api.Watchdog;
using Alexandrite.Messaging.DeadLetters;
using Alexandrite.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Alexandrite.Crm.Api.Apis;

/// <summary>Support's endpoints (and the rest of the back office's): which orders are stuck, and one order's whole journey.</summary>
internal static class SupportApi
{
    public static IEndpointRouteBuilder MapSupportApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/orders").WithTags("Support");
        orders.MapGet("/stuck", ListStuck)
            .WithSummary("Orders past their stage's time limit (Watchdog:Limits), longest waiting first: stage, owner service, age; "
                + "a page at a time (limit, and after: the next of the previous page), of one stage if stage names it")
            .RequireAuthorization(Roles.Staff);

        // Staff only: trace ids, services and employees' names are not for customers, who see their order's
        // timeline in the shop (docs/adr/0011-who-sees-what.md).
        orders.MapGet("/{id:guid}/journey", GetJourney)
            .WithSummary("Every status with its times, who set it and in which trace; trace links; where the order is stuck, if it is")
            .RequireAuthorization(Roles.Staff);
        return app;
    }

    private static async Task<Results<Ok<StuckOrdersPage>, ValidationProblem>> ListStuck(
        StuckOrders stuckOrders, DeadLetterPlaces deadLetters, IOptions<WatchdogOptions> options, TimeProvider time, CancellationToken cancellationToken,
        int limit = StuckOrders.DefaultPageSize, string? after = null, string? stage = null)
    {
        if (PageLimit.Problem(limit, StuckOrders.MaxPageSize) is { } problem)
        {
            return problem;
        }

        StuckListCursor? cursor = null;
        if (after is not null && !StuckListCursor.TryParse(after, out cursor))
        {
            return PageLimit.UnknownCursor("after", $"'{after}' is not a position in the stuck list: pass the next of the previous page.");
        }

        var limits = options.Value.StageLimits();
        if (stage is not null)
        {
            if (!OrderStatusNames.TryParse(stage, out var status) || !limits.TryGetValue(status, out var stageLimit))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["stage"] = [$"'{stage}' is not a watched stage; the watchdog watches {string.Join(", ", limits.Keys.Select(watched => watched.ToName()))}."],
                });
            }

            limits = new Dictionary<OrderStatus, TimeSpan> { [status] = stageLimit };
        }

        var now = time.GetUtcNow();
        var (stuck, more) = await stuckOrders.ListAsync(limits, now, limit, cursor, cancellationToken);
        var places = stuck.Count == 0 ? new Dictionary<Guid, DeadLetter>() : await deadLetters.ByOrderAsync(cancellationToken);
        return TypedResults.Ok(new StuckOrdersPage(
            stuck.Select(order => StuckOrderResponse.From(order with { DeadLetter = places.GetValueOrDefault(order.OrderId) }, now)).ToList(),
            more ? StuckListCursor.After(stuck[^1]).ToString() : null));
    }

    private static async Task<Results<Ok<OrderJourney>, NotFound>> GetJourney(Guid id, OrderJourneys journeys, CancellationToken cancellationToken) =>
        await journeys.FindAsync(id, cancellationToken) is { } journey ? TypedResults.Ok(journey) : TypedResults.NotFound();
}

/// <param name="Next">What to pass as "after" for the next page; null on the last page.</param>
internal sealed record StuckOrdersPage(IReadOnlyList<StuckOrderResponse> Orders, string? Next);
