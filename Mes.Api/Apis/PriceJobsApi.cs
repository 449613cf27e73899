using Alexandrite.Contracts;
using Alexandrite.Mes.Api.Pricing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Alexandrite.Mes.Api.Apis;

/// <summary>
/// MES's account of an order's price calculation, for support's journey in Crm.Api (which asks it why an order waits
/// in SUBMITTED) and for staff: the job's state, attempts, progress and the problem it waits on.
/// </summary>
internal static class PriceJobsApi
{
    public static IEndpointRouteBuilder MapPriceJobsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/price-jobs/{id:guid}", Get)
            .WithTags("Support")
            .WithSummary("The order's price calculation: pending, running, done or failed; attempts, progress, why it waits to be tried again")
            .RequireAuthorization(Roles.Staff);
        return app;
    }

    private static async Task<Results<Ok<PriceJobAccount>, ProblemHttpResult>> Get(Guid id, PriceJobs jobs, CancellationToken cancellationToken) =>
        await jobs.FindAsync(id, cancellationToken) is { } job
            ? TypedResults.Ok(job)
            : TypedResults.Problem(
                $"MES has no price calculation for order {id}: it has not taken the order's {Contracts.Messages.OrderSubmitted.MessageType} message.",
                statusCode: StatusCodes.Status404NotFound, title: "No price calculation");
}
