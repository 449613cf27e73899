using System.Security.Claims;
using Alexandrite.Contracts;
using Alexandrite.Crm.Api.DeadLetters;
using Alexandrite.Messaging.DeadLetters;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Alexandrite.Crm.Api.Apis;

/// <summary>
/// Support's dead-letter queues, all of them (each consuming service has one): what they hold, and sending one
/// message or all of them back to the queue they came from. Support only (docs/adr/0011-who-sees-what.md).
/// </summary>
internal static class DeadLettersApi
{
    public const string RedriveAllPath = "/api/dead-letters/redrive";

    public static IEndpointRouteBuilder MapDeadLettersApi(this IEndpointRouteBuilder app)
    {
        var deadLetters = app.MapGroup("/api/dead-letters").WithTags("Support").RequireAuthorization(Roles.Support);
        deadLetters.MapGet("/", List)
            .WithSummary("Every message in a dead-letter queue: queue, service, order, message type, why it failed, since when");
        deadLetters.MapPost("/redrive", RedriveAll)
            .WithSummary("Send every dead letter back to its queue; who did it goes in each order's journey");
        deadLetters.MapPost("/{messageId:guid}/redrive", RedriveOne)
            .WithSummary("Send one dead letter back to its queue");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<DeadLetter>>> List(DeadLetterQueues queues, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queues.ListAsync(cancellationToken));

    private static async Task<Ok<RedriveResponse>> RedriveAll(ClaimsPrincipal user, DeadLetterRedrives redrives, CancellationToken cancellationToken) =>
        TypedResults.Ok(new RedriveResponse(await redrives.RedriveAsync(null, user.UserName(), cancellationToken)));

    private static async Task<Results<Ok<RedriveResponse>, ProblemHttpResult>> RedriveOne(
        Guid messageId, ClaimsPrincipal user, DeadLetterRedrives redrives, CancellationToken cancellationToken) =>
        await redrives.RedriveAsync(messageId, user.UserName(), cancellationToken) is { Count: > 0 } redriven
            ? TypedResults.Ok(new RedriveResponse(redriven))
            : TypedResults.Problem($"No dead-letter queue holds message {messageId}.", statusCode: StatusCodes.Status404NotFound, title: "No such dead letter");
}

internal sealed record RedriveResponse(IReadOnlyList<DeadLetter> Redriven);
