using Alexandrite.Contracts;
using Alexandrite.MeshAnalysis;
using Alexandrite.Shop.Api.Orders;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Alexandrite.Shop.Api.Apis;

/// <summary>
/// Development only: one request that creates, uploads and submits an order, for the AppHost's "Create a demo
/// order" command, so a demo starts with an order moving through every service. The steps are the real ones.
/// </summary>
internal static class DemoApi
{
    public static IEndpointRouteBuilder MapDemoApi(this WebApplication app)
    {
        app.MapDiagnostics()?.MapPost("/demo-order", CreateDemoOrderAsync);
        return app;
    }

    /// <summary>
    /// A 10 mm gold cube: priced above the automatic limit, so the manager decides in the back office. It belongs
    /// to the development customer (or the account named by ?customer=), who sees it under "My orders".
    /// </summary>
    private static async Task<Results<Accepted<OrderStatusResponse>, ValidationProblem>> CreateDemoOrderAsync(
        OrderService orders, CancellationToken cancellationToken, string customer = Roles.Customer)
    {
        var errors = new Dictionary<string, string[]>();
        if (!TextInput.Check(errors, "customer", customer, TextInput.NameMaxLength) || string.IsNullOrWhiteSpace(customer))
        {
            return TypedResults.ValidationProblem(errors.Count > 0 ? errors : new() { ["customer"] = ["Name the customer account the order is for."] });
        }

        var id = await orders.CreateAsync(null, customer, new Customer("Demo Customer", "demo@alexandrite.example", "+44 20 7946 0999", "1 Demo Street, London"), "gold", cancellationToken);
        using (var model = new MemoryStream(SampleModels.BinaryStlCube(10)))
        {
            await orders.UploadModelAsync(id, customer, "demo-cube.stl", model, cancellationToken);
        }

        await orders.SubmitAsync(id, customer, cancellationToken);
        return TypedResults.Accepted($"/api/orders/{id}", new OrderStatusResponse(id, "SUBMITTED"));
    }
}
