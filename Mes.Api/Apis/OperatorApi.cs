using Alexandrite.Contracts;
using Alexandrite.Mes.Api.Manufacturing;
using Alexandrite.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Alexandrite.Mes.Api.Apis;

/// <summary>The MES operator's endpoints: the queue, and one step per endpoint.</summary>
internal static class OperatorApi
{
    /// <summary>Who pressed the button, until the back office signs operators in.</summary>
    private const string OperatorHeader = "X-Operator-Id";

    public static IEndpointRouteBuilder MapOperatorApi(this IEndpointRouteBuilder app)
    {
        var operatorApi = app.MapGroup("/api/operator").WithTags("Operator").WithOrderProblems();
        operatorApi.MapGet("/queue", GetQueue).WithSummary("Approved orders not yet shipped, oldest first");
        operatorApi.MapPost("/orders/{id:guid}/start", (Guid id, [FromHeader(Name = OperatorHeader)] string? operatorId, ManufacturingJobs jobs, CancellationToken ct) =>
            Advance(id, OrderStatus.ManufacturingStarted, operatorId, jobs, ct)).WithSummary("MANUFACTURING_STARTED");
        operatorApi.MapPost("/orders/{id:guid}/complete", (Guid id, [FromHeader(Name = OperatorHeader)] string? operatorId, ManufacturingJobs jobs, CancellationToken ct) =>
            Advance(id, OrderStatus.ManufacturingCompleted, operatorId, jobs, ct)).WithSummary("MANUFACTURING_COMPLETED");
        operatorApi.MapPost("/orders/{id:guid}/package", (Guid id, [FromHeader(Name = OperatorHeader)] string? operatorId, ManufacturingJobs jobs, CancellationToken ct) =>
            Advance(id, OrderStatus.Packaging, operatorId, jobs, ct)).WithSummary("PACKAGING");
        operatorApi.MapPost("/orders/{id:guid}/ship", (Guid id, [FromHeader(Name = OperatorHeader)] string? operatorId, ManufacturingJobs jobs, CancellationToken ct) =>
            Advance(id, OrderStatus.Shipped, operatorId, jobs, ct)).WithSummary("SHIPPED");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<QueuedJob>>> GetQueue(ManufacturingJobs jobs, CancellationToken cancellationToken) =>
        TypedResults.Ok(await jobs.QueueAsync(cancellationToken));

    private static async Task<Ok<OperatorStepResponse>> Advance(Guid id, OrderStatus to, string? operatorId, ManufacturingJobs jobs, CancellationToken cancellationToken)
    {
        await jobs.AdvanceAsync(id, to, string.IsNullOrWhiteSpace(operatorId) ? "operator" : operatorId.Trim(), cancellationToken);
        return TypedResults.Ok(new OperatorStepResponse(id, to.ToName()));
    }
}

internal sealed record OperatorStepResponse(Guid OrderId, string Status);
