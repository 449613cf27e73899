using Alexandrite.Mes.Api.Operator;

namespace Alexandrite.Mes.Api.Apis;

/// <summary>The MES operator's endpoints.</summary>
internal static class OperatorApi
{
    public static IEndpointRouteBuilder MapOperatorApi(this IEndpointRouteBuilder app)
    {
        var operatorApi = app.MapGroup("/api/operator").WithTags("Operator");
        operatorApi.MapGet("/queue", async (OperatorQueue queue, CancellationToken cancellationToken) =>
            TypedResults.Ok(await queue.ListAsync(cancellationToken)));
        return app;
    }
}
