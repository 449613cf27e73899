using System.Net;
using Microsoft.AspNetCore.Http.HttpResults;
using Alexandrite.Contracts;
using Alexandrite.Shop.Web.Services;

namespace Alexandrite.Shop.Web.Endpoints;

/// <summary>
/// The pages' server-sent event streams (https://html.spec.whatwg.org/multipage/server-sent-events.html), which
/// Client/live-status.js follows: Shop.Api's streams passed on with the signed-in user's access token, so Shop.Api
/// decides what each may see. The customer's order page follows its order; the back office follows every order.
/// Untraced like every event stream (ServiceDefaults' ServerSpans). An anonymous caller gets 401, not the sign-in
/// page: an EventSource cannot follow a redirect to a form.
/// </summary>
internal static class LiveStatusEndpoints
{
    public static IEndpointRouteBuilder MapLiveStatusEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/orders/{id:guid}/changes", (Guid id, OrderChangesClient shop, CancellationToken ct) => RelayAsync(shop, $"/api/orders/{id}/changes", ct))
            .RequireAuthorization(Roles.Customer)
            .DisableCookieRedirect();
        app.MapGet("/backoffice/changes", (OrderChangesClient shop, CancellationToken ct) => RelayAsync(shop, "/api/orders/changes", ct))
            .RequireAuthorization(Roles.Staff)
            .DisableCookieRedirect();
        return app;
    }

    private static async Task<IResult> RelayAsync(OrderChangesClient shop, string path, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await shop.SubscribeAsync(path, cancellationToken);
        }
        catch (Exception exception) when (exception.IsApiUnavailable() || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return Unavailable();
        }

        if (response.IsSuccessStatusCode)
        {
            return TypedResults.ServerSentEvents(OrderChangesClient.EventsAsync(response, cancellationToken));
        }

        using (response)
        {
            return response.StatusCode switch
            {
                HttpStatusCode.NotFound => TypedResults.Problem("There is no such order.", statusCode: StatusCodes.Status404NotFound, title: "Order not found"),
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => TypedResults.Problem(
                    "Your account may not follow these changes.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden"),
                _ => Unavailable(),
            };
        }
    }

    private static ProblemHttpResult Unavailable() =>
        TypedResults.Problem(Problems.Message("unavailable"), statusCode: StatusCodes.Status503ServiceUnavailable, title: "Changes unavailable");
}
