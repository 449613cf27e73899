using Alexandrite.Contracts;
using Alexandrite.Shop.Web.Security;
using Alexandrite.Shop.Web.Services;
using Microsoft.AspNetCore.Mvc;

namespace Alexandrite.Shop.Web.Endpoints;

/// <summary>The back office's buttons: the operator's steps, the manager's decisions and support's redrives.</summary>
internal static class BackOfficeEndpoints
{
    public static IEndpointRouteBuilder MapBackOfficeEndpoints(this IEndpointRouteBuilder app)
    {
        var backOffice = app.MapGroup("/backoffice").AddEndpointFilter<AntiforgeryFilter>();

        // Back to the page of the queue the operator was on (after: the last job of the page before it).
        backOffice.MapPost("/operator/{id:guid}/{step}", async (Guid id, string step, Guid? after, MesApiClient mes, CancellationToken ct) =>
                OperatorSteps.Targets.ContainsKey(step)
                    ? Problems.BackTo(after is { } page ? $"/backoffice/operator?after={page}" : "/backoffice/operator", await mes.AdvanceAsync(id, step, ct))
                    : Results.LocalRedirect("/backoffice/operator?problem=failed"))
            .RequireAuthorization(Roles.Operator);

        backOffice.MapPost("/approvals/{id:guid}/approve", async (Guid id, CrmApiClient crm, CancellationToken ct) =>
                Problems.BackTo("/backoffice/approvals", await crm.ApproveAsync(id, ct)))
            .RequireAuthorization(Roles.Manager);

        backOffice.MapPost("/approvals/{id:guid}/reject", async (Guid id, [FromForm] string? reason, CrmApiClient crm, CancellationToken ct) =>
                string.IsNullOrWhiteSpace(reason)
                    ? Results.LocalRedirect("/backoffice/approvals?problem=reason-required")
                    : Problems.BackTo("/backoffice/approvals", await crm.RejectAsync(id, reason, ct)))
            .RequireAuthorization(Roles.Manager);

        backOffice.MapPost("/dead-letters/redrive", async (CrmApiClient crm, CancellationToken ct) =>
                Problems.BackTo("/support", await crm.RedriveAsync(null, ct)))
            .RequireAuthorization(Roles.Support);
        backOffice.MapPost("/dead-letters/{messageId:guid}/redrive", async (Guid messageId, CrmApiClient crm, CancellationToken ct) =>
                Problems.BackTo("/support", await crm.RedriveAsync(messageId, ct)))
            .RequireAuthorization(Roles.Support);
        return app;
    }
}
