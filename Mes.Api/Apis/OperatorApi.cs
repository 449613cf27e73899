using System.Security.Claims;
using Alexandrite.Contracts;
using Alexandrite.Mes.Api.Manufacturing;
using Alexandrite.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Alexandrite.Mes.Api.Apis;

/// <summary>The MES operator's endpoints: the queue, and one step per endpoint.</summary>
internal static class OperatorApi
{
    public static IEndpointRouteBuilder MapOperatorApi(this IEndpointRouteBuilder app)
    {
        // Operators only: the signed-in operator (the access token's subject) is recorded with each step.
        var operatorApi = app.MapGroup("/api/operator").WithTags("Operator").WithOrderProblems().RequireAuthorization(Roles.Operator);
        operatorApi.MapGet("/queue", GetQueue).WithSummary("Approved orders not yet shipped, oldest first, a page at a time (limit, and after: the last id of the previous page)");
        foreach (var (step, to) in OperatorSteps.Targets)
        {
            operatorApi.MapPost($"/orders/{{id:guid}}/{step}", (Guid id, ClaimsPrincipal user, ManufacturingJobs jobs, CancellationToken ct) =>
                Advance(id, to, user, jobs, ct)).WithSummary(to.ToName());
        }

        return app;
    }

    private static async Task<Results<Ok<OperatorQueueResponse>, ValidationProblem>> GetQueue(
        ManufacturingJobs jobs, CancellationToken cancellationToken, int limit = ManufacturingJobs.DefaultPageSize, Guid? after = null)
    {
        if (PageLimit.Problem(limit, ManufacturingJobs.MaxPageSize) is { } problem)
        {
            return problem;
        }

        if (await jobs.QueueAsync(limit, after, cancellationToken) is not var (page, more))
        {
            return PageLimit.UnknownCursor("after", $"No job in the queue has the id {after}: pass the next of the previous page.");
        }

        return TypedResults.Ok(new OperatorQueueResponse(page, more ? page[^1].OrderId : null));
    }

    private static async Task<Ok<OperatorStepResponse>> Advance(Guid id, OrderStatus to, ClaimsPrincipal user, ManufacturingJobs jobs, CancellationToken cancellationToken)
    {
        await jobs.AdvanceAsync(id, to, user.UserName(), cancellationToken);
        return TypedResults.Ok(new OperatorStepResponse(id, to.ToName()));
    }
}

internal sealed record OperatorStepResponse(Guid OrderId, string Status);

/// <param name="Next">The id to pass as "after" for the next page; null on the last page.</param>
internal sealed record OperatorQueueResponse(IReadOnlyList<QueuedJob> Jobs, Guid? Next);
