using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alexandrite.Contracts;
using Alexandrite.MeshAnalysis;

namespace Alexandrite.AspireTests.Security;

/// <summary>
/// Orders belong to the customer who placed them (docs/adr/0011-who-sees-what.md): another customer gets the 404 of
/// an order that does not exist, from every API and in the shop, and nothing changes; a customer's view of their own
/// order has no trace ids, services or employees; support sees all of that and the journey, and changes nothing.
/// </summary>
[Collection(AspireCollection.Name)]
public sealed class OwnershipTests(AspireFixture system)
{
    private readonly ShopClient _shop = new(system);

    private HttpClient OtherCustomer(string api) => system.SignedInClientFor(api, SignInUsers.SecondCustomer, Roles.Customer);

    [Fact]
    public async Task Another_customer_gets_not_found_for_every_step_on_an_order_and_nothing_changes()
    {
        var orderId = await _shop.CreateOrderAsync();
        var other = OtherCustomer(ResourceNames.ShopApi);
        using var model = new MultipartFormDataContent { { new ByteArrayContent(SampleModels.BinaryStlCube(5)), "file", "theirs.stl" } };

        var answers = new Dictionary<string, HttpResponseMessage>
        {
            ["GET"] = await other.GetAsync($"/api/orders/{orderId}"),
            ["upload"] = await other.PutAsync($"/api/orders/{orderId}/model", model),
            ["submit"] = await other.PostAsync($"/api/orders/{orderId}/submit", null),
            ["cancel"] = await other.PostAsJsonAsync($"/api/orders/{orderId}/cancel", new { reason = "not mine" }),
        };
        using var unknown = await other.GetAsync($"/api/orders/{Guid.NewGuid()}");
        var unknownProblem = await unknown.Content.ReadFromJsonAsync<JsonElement>();

        foreach (var (what, response) in answers)
        {
            using (response)
            {
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

                // Exactly the answer for an id nobody has: the refusal does not tell that the order exists.
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal(unknownProblem.GetProperty("title").GetString(), problem.GetProperty("title").GetString());
            }
        }

        var order = await _shop.GetOrderAsync(orderId);
        Assert.Equal(["INITIATED"], ShopClient.HistoryStatuses(order));
        Assert.Equal(JsonValueKind.Null, order.GetProperty("model").ValueKind);
        Assert.DoesNotContain(orderId, await ShopClient.OrderIdsAsync(other));
        Assert.Contains(orderId, await ShopClient.OrderIdsAsync(system.ShopApi));
    }

    [Fact]
    public async Task Only_the_customer_who_placed_a_shipped_order_confirms_its_receipt()
    {
        var orderId = await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(5), "silver");
        await _shop.WaitForStatusAsync(orderId, "MANUFACTURING_APPROVED");
        await _shop.ShipAsync(orderId);

        using (var refused = await OtherCustomer(ResourceNames.CrmApi).PostAsync($"/api/orders/{orderId}/confirm-receipt", null))
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal("SHIPPED", (await _shop.GetOrderAsync(orderId)).GetProperty("status").GetString());
        (await system.Customer.PostAsync($"/api/orders/{orderId}/confirm-receipt", null)).EnsureSuccessStatusCode();

        var closed = await _shop.WaitForStatusAsync(orderId, "CLOSED");
        var last = closed.GetProperty("history").EnumerateArray().Last();
        Assert.Equal(system.User(Roles.Customer).Name, last.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task A_customer_sees_the_status_and_timeline_of_their_order_but_no_trace_ids_services_or_employees()
    {
        var orderId = await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(5), "silver");
        var approved = await _shop.WaitForStatusAsync(orderId, "MANUFACTURING_APPROVED");
        var traceId = approved.GetProperty("history")[0].GetProperty("traceId").GetString()!;

        var own = await system.ShopApi.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}");
        Assert.Equal(ShopClient.HistoryStatuses(approved), ShopClient.HistoryStatuses(own));
        Assert.All(own.GetProperty("history").EnumerateArray(), change =>
        {
            Assert.True(change.TryGetProperty("at", out _));
            Assert.False(change.TryGetProperty("traceId", out _), change.ToString());
            Assert.False(change.TryGetProperty("by", out _), change.ToString());
            Assert.False(change.TryGetProperty("actor", out _), change.ToString());
        });

        // Support's view of the same order names them all.
        Assert.All(approved.GetProperty("history").EnumerateArray(), change =>
        {
            Assert.False(string.IsNullOrEmpty(change.GetProperty("by").GetString()));
            Assert.False(string.IsNullOrEmpty(change.GetProperty("actor").GetString()));
        });

        // The shop's order page neither: no trace id, no internal service, no link to the journey.
        var page = await system.ShopWeb.GetStringAsync($"/orders/{orderId}");
        Assert.Contains("data-testid=\"order-status\">MANUFACTURING_APPROVED<", page, StringComparison.Ordinal);
        Assert.DoesNotContain(traceId, page, StringComparison.Ordinal);
        Assert.DoesNotContain("mes-api", page, StringComparison.Ordinal);
        Assert.DoesNotContain("/journey", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_the_shop_another_customer_finds_no_such_order_and_cannot_act_on_it()
    {
        var orderId = await ShopWebForms.PlaceOrderAsync(system, "gold");
        var other = await system.SignedInBrowserAsync(SignInUsers.SecondCustomer, followRedirects: false);

        var page = await other.GetStringAsync($"/orders/{orderId}");
        Assert.Contains("<h1>Order not found</h1>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"order-status\"", page, StringComparison.Ordinal);

        using var cancel = await ShopWebForms.PressAsync(other, "/", $"/orders/{orderId}/cancel");
        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        Assert.Equal($"/orders/{orderId}?problem=not-found", cancel.Headers.Location!.OriginalString);
        Assert.Equal(["INITIATED"], ShopClient.HistoryStatuses(await _shop.GetOrderAsync(orderId)));

        // "My orders" lists it for its customer only.
        Assert.Contains($"data-order=\"{orderId}\"", await system.ShopWeb.GetStringAsync("/orders"), StringComparison.Ordinal);
        Assert.DoesNotContain($"data-order=\"{orderId}\"", await other.GetStringAsync("/orders"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Support_reads_any_order_s_journey_and_the_stuck_list()
    {
        var orderId = await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(5), "silver");
        var approved = await _shop.WaitForStatusAsync(orderId, "MANUFACTURING_APPROVED");
        var journey = await system.Support.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}/journey");
        Assert.Equal(approved.GetProperty("history")[0].GetProperty("traceId").GetString(), journey.GetProperty("traceId").GetString());
        using var stuck = await system.Support.GetAsync("/api/orders/stuck");
        Assert.Equal(HttpStatusCode.OK, stuck.StatusCode);

        var page = await system.SupportWeb.GetStringAsync($"/orders/{orderId}/journey");
        Assert.Contains($"Journey of order {orderId}", page, StringComparison.Ordinal);
    }
}
