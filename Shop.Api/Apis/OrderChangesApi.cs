using System.Net.ServerSentEvents;
using Alexandrite.Contracts;
using Alexandrite.ServiceDefaults.Http;
using Alexandrite.Shop.Api.Live;
using Alexandrite.Shop.Api.Orders;
using Alexandrite.ShopDatabase;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Alexandrite.Shop.Api.Apis;

/// <summary>
/// Order changes pushed as server-sent events, for pages that show orders as they change (Shop.Web proxies them to
/// the browser). A customer follows their own orders, one at a time (the owner filter answers 404 for anyone else's);
/// staff may follow any order, or every order at once for the back office's queues. Streams are not traced
/// (ServiceDefaults' ServerSpans: a request for text/event-stream is a subscription, not a user action).
/// </summary>
internal static class OrderChangesApi
{
    public static IEndpointRouteBuilder MapOrderChangesApi(this IEndpointRouteBuilder app)
    {
        var changes = app.MapGroup("/api/orders").WithTags("Order changes").WithOrderProblems().RequireOrderOwner();
        changes.MapGet("/changes", AllChanges).WithSummary("Every order's changes as server-sent events (staff)")
            .RequireAuthorization(Roles.Staff);
        changes.MapGet("/{id:guid}/changes", OrderChanges).WithSummary("The order's changes as server-sent events")
            .RequireAuthorization();
        return app;
    }

    private static ServerSentEventsResult<string> AllChanges(
        OrderChangeFeed feed, IOptions<LiveStatusOptions> options, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.ServerSentEvents(OrderChangeStream.EventsAsync(feed.Subscribe(_ => true), options.Value.HeartbeatInterval, time, cancellationToken));

    private static async Task<ServerSentEventsResult<string>> OrderChanges(
        Guid id, OrderRepository repository, OrderChangeFeed feed, IOptions<LiveStatusOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        // Subscribed before the order is looked up, so a change in between is not lost.
        var subscription = feed.Subscribe(change => change.OrderId == id);
        try
        {
            if (!await repository.ExistsAsync(id, cancellationToken))
            {
                throw new OrderNotFoundException(id);
            }
        }
        catch
        {
            subscription.Dispose();
            throw;
        }

        return TypedResults.ServerSentEvents(OrderChangeStream.EventsAsync(subscription, options.Value.HeartbeatInterval, time, cancellationToken));
    }
}
