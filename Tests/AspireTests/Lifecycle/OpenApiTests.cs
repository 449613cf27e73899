using System.Net.Http.Json;
using System.Text.Json;
using Alexandrite.Contracts;

namespace Alexandrite.AspireTests.Lifecycle;

/// <summary>Each API documents its routes in OpenAPI and serves a Swagger UI.</summary>
[Collection(AspireCollection.Name)]
public sealed class OpenApiTests(AspireFixture fixture)
{
    [Theory]
    [InlineData(ResourceNames.ShopApi, "/api/orders", "/api/orders/{id}", "/api/orders/{id}/model", "/api/orders/{id}/submit")]
    [InlineData(ResourceNames.MesApi, "/api/operator/queue", "/api/operator/orders/{id}/start", "/api/operator/orders/{id}/complete", "/api/operator/orders/{id}/package", "/api/operator/orders/{id}/ship")]
    [InlineData(ResourceNames.CrmApi, "/api/orders/{id}/approve", "/api/orders/{id}/reject", "/api/orders/{id}/confirm-receipt", "/api/orders/stuck", "/api/orders/{id}/journey")]
    public async Task Every_route_is_in_the_OpenAPI_document_and_the_Swagger_UI_is_served(string service, params string[] routes)
    {
        using var client = fixture.ClientFor(service);

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(path => path.Name).ToList();
        Assert.All(routes, route => Assert.Contains(route, paths));

        using var ui = await client.GetAsync("/swagger/index.html");
        ui.EnsureSuccessStatusCode();
        Assert.Contains("swagger", await ui.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
