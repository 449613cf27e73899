using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alexandrite.Contracts;
using Alexandrite.MeshAnalysis;

namespace Alexandrite.AspireTests.Lifecycle;

/// <summary>
/// The order page's 3D preview reads the model back: Shop.Api streams it from storage to the customer who placed
/// the order and to nobody else, and Shop.Web passes it on to that customer's browser.
/// </summary>
[Collection(AspireCollection.Name)]
public sealed class ModelDownloadTests(AspireFixture system)
{
    private readonly ShopClient _shop = new(system);

    [Fact]
    public async Task The_customer_gets_their_model_back_as_uploaded_from_the_API_and_from_Shop_Web()
    {
        var stl = SampleModels.BinaryStlCube(7);
        var orderId = await _shop.CreateOrderAsync();
        (await _shop.UploadAsync(orderId, stl, "cube.stl")).EnsureSuccessStatusCode();

        using (var fromApi = await system.ShopApi.GetAsync($"/api/orders/{orderId}/model"))
        {
            Assert.Equal(HttpStatusCode.OK, fromApi.StatusCode);
            Assert.Equal("model/stl", fromApi.Content.Headers.ContentType?.MediaType);
            Assert.Equal(stl.Length, fromApi.Content.Headers.ContentLength);
            Assert.NotNull(fromApi.Headers.ETag);
            Assert.Equal(stl, await fromApi.Content.ReadAsByteArrayAsync());
        }

        using (var fromWeb = await system.ShopWeb.GetAsync($"/orders/{orderId}/model"))
        {
            Assert.Equal(HttpStatusCode.OK, fromWeb.StatusCode);
            Assert.Equal("model/stl", fromWeb.Content.Headers.ContentType?.MediaType);
            Assert.Equal(stl, await fromWeb.Content.ReadAsByteArrayAsync());
        }

        // A replacement is what is served from then on, as an OBJ.
        var obj = System.Text.Encoding.UTF8.GetBytes(SampleModels.ObjCube(4));
        (await _shop.UploadAsync(orderId, obj, "cube.obj")).EnsureSuccessStatusCode();
        using var replaced = await system.ShopApi.GetAsync($"/api/orders/{orderId}/model");
        Assert.Equal("model/obj", replaced.Content.Headers.ContentType?.MediaType);
        Assert.Equal(obj, await replaced.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Another_customer_staff_and_anonymous_callers_do_not_get_the_model()
    {
        var orderId = await _shop.CreateOrderAsync();
        (await _shop.UploadAsync(orderId, SampleModels.BinaryStlCube(5), "mine.stl")).EnsureSuccessStatusCode();
        var path = $"/api/orders/{orderId}/model";

        // Another customer: exactly the answer for an order nobody has.
        var unknown = await ProblemAsync(system.ShopApi, $"/api/orders/{Guid.NewGuid()}/model", HttpStatusCode.NotFound);
        var other = await ProblemAsync(system.SignedInClientFor(ResourceNames.ShopApi, SignInUsers.SecondCustomer, Roles.Customer), path, HttpStatusCode.NotFound);
        Assert.Equal(unknown.GetProperty("title").GetString(), other.GetProperty("title").GetString());

        // Staff see orders, not the customer's file; nobody signed in sees anything.
        await ProblemAsync(system.ShopApiForSupport, path, HttpStatusCode.Forbidden);
        await ProblemAsync(system.ClientFor(ResourceNames.ShopApi), path, HttpStatusCode.Unauthorized);

        // The same through Shop.Web: the other customer gets a problem, an anonymous browser the sign-in page.
        var otherBrowser = await system.SignedInBrowserAsync(SignInUsers.SecondCustomer, followRedirects: false);
        await ProblemAsync(otherBrowser, $"/orders/{orderId}/model", HttpStatusCode.NotFound);
        using var anonymous = await system.AnonymousBrowser(followRedirects: false).GetAsync($"/orders/{orderId}/model");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/signin", anonymous.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task An_order_without_a_model_answers_a_not_found_problem()
    {
        var orderId = await _shop.CreateOrderAsync();

        var problem = await ProblemAsync(system.ShopApi, $"/api/orders/{orderId}/model", HttpStatusCode.NotFound);
        Assert.Equal("No model", problem.GetProperty("title").GetString());
        Assert.Contains("has no model yet", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var shown = await ProblemAsync(system.ShopWeb, $"/orders/{orderId}/model", HttpStatusCode.NotFound);
        Assert.Equal("There is no model to show for this order.", shown.GetProperty("detail").GetString());
    }

    private static async Task<JsonElement> ProblemAsync(HttpClient client, string path, HttpStatusCode expected)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {path}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonSerializer.Deserialize<JsonElement>(body);
    }
}
