using Alexandrite.Contracts;
using Alexandrite.Crm.Api.DeadLetters;
using Alexandrite.Crm.Api.Journey;
using Alexandrite.Crm.Api.Watchdog;
using Alexandrite.Messaging.DeadLetters;
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
            .WithSummary("Orders past their stage's time limit (Watchdog:Limits), longest waiting first: stage, owner service, age")
            .RequireAuthorization(Roles.Staff);

        // Staff only: trace ids, services and employees' names are not for customers, who see their order's
        // timeline in the shop (docs/adr/0011-who-sees-what.md).
        orders.MapGet("/{id:guid}/journey", GetJourney)
            .WithSummary("Every status with its times, who set it and in which trace; trace links; where the order is stuck, if it is")
            .RequireAuthorization(Roles.Staff);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<StuckOrderResponse>>> ListStuck(
        StuckOrders stuckOrders, DeadLetterPlaces deadLetters, IOptions<WatchdogOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var stuck = await stuckOrders.ListAsync(options.Value.StageLimits(), now, cancellationToken);
        var places = stuck.Count == 0 ? new Dictionary<Guid, DeadLetter>() : await deadLetters.ByOrderAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<StuckOrderResponse>>(
            stuck.Select(order => StuckOrderResponse.From(order with { DeadLetter = places.GetValueOrDefault(order.OrderId) }, now)).ToList());
    }

    private static async Task<Results<Ok<OrderJourney>, NotFound>> GetJourney(Guid id, OrderJourneys journeys, CancellationToken cancellationToken) =>
        await journeys.FindAsync(id, cancellationToken) is { } journey ? TypedResults.Ok(journey) : TypedResults.NotFound();
}
