using System.Security.Claims;
using Alexandrite.Contracts;
using Alexandrite.Crm.Api.Approvals;
using Alexandrite.Crm.Api.Closing;
using Alexandrite.ServiceDefaults.Http;
using Alexandrite.ShopDatabase;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Alexandrite.Crm.Api.Apis;

/// <summary>The manager's and the customer's endpoints on CRM.</summary>
internal static class ApprovalsApi
{
    public static IEndpointRouteBuilder MapApprovalsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/approvals/pending", async (ApprovalService approvals, CancellationToken ct) => TypedResults.Ok(await approvals.PendingAsync(ct)))
            .WithTags("Approvals").WithSummary("Priced orders waiting for the manager").RequireAuthorization(Roles.Manager);

        var orders = app.MapGroup("/api/orders").WithTags("Approvals").WithOrderProblems();
        orders.MapPost("/{id:guid}/approve", Approve).WithSummary("Approve manufacturing at the calculated price (MANUFACTURING_APPROVED)")
            .RequireAuthorization(Roles.Manager);
        orders.MapPost("/{id:guid}/reject", Reject).WithSummary("Decline the order at the calculated price (REJECTED)")
            .RequireAuthorization(Roles.Manager);
        orders.MapPost("/{id:guid}/confirm-receipt", ConfirmReceipt).WithTags("Customer").WithSummary("The customer received the piece (CLOSED)")
            .RequireAuthorization(Roles.Customer).RequireOrderOwner();
        return app;
    }

    private static async Task<Ok<OrderDecisionResponse>> Approve(Guid id, ClaimsPrincipal user, ApprovalService approvals, CancellationToken cancellationToken)
    {
        await approvals.ApproveAsync(id, user.UserName(), cancellationToken);
        return TypedResults.Ok(new OrderDecisionResponse(id, "MANUFACTURING_APPROVED"));
    }

    private static async Task<Results<Ok<OrderDecisionResponse>, ValidationProblem>> Reject(
        Guid id, RejectRequest? request, ClaimsPrincipal user, ApprovalService approvals, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request?.Reason))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["Say why the order is rejected; the customer is told."] });
        }

        var errors = new Dictionary<string, string[]>();
        if (!TextInput.Check(errors, "reason", request.Reason, TextInput.ReasonMaxLength))
        {
            return TypedResults.ValidationProblem(errors);
        }

        await approvals.RejectAsync(id, user.UserName(), request.Reason.Trim(), cancellationToken);
        return TypedResults.Ok(new OrderDecisionResponse(id, "REJECTED"));
    }

    private static async Task<Ok<OrderDecisionResponse>> ConfirmReceipt(Guid id, ClaimsPrincipal user, OrderClosing closing, CancellationToken cancellationToken)
    {
        await closing.ConfirmReceiptAsync(id, user.UserName(), cancellationToken);
        return TypedResults.Ok(new OrderDecisionResponse(id, "CLOSED"));
    }
}

internal sealed record RejectRequest(string? Reason);

internal sealed record OrderDecisionResponse(Guid OrderId, string Status);
