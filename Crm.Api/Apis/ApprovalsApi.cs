using Alexandrite.Crm.Api.Approvals;

namespace Alexandrite.Crm.Api.Apis;

/// <summary>The manager's endpoints.</summary>
internal static class ApprovalsApi
{
    public static IEndpointRouteBuilder MapApprovalsApi(this IEndpointRouteBuilder app)
    {
        var approvals = app.MapGroup("/api/approvals").WithTags("Approvals");
        approvals.MapGet("/pending", async (PendingApprovals pending, CancellationToken cancellationToken) =>
            TypedResults.Ok(await pending.ListAsync(cancellationToken)));
        return app;
    }
}
