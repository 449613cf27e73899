using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alexandrite.Contracts;

namespace Alexandrite.AspireTests.Lifecycle;

/// <summary>A customer's orders, a page at a time (Shop.Api's GET /api/orders: limit and before).</summary>
[Collection(AspireCollection.Name)]
public sealed class OrderListTests(AspireFixture fixture)
{
    private const int Orders = 5;

    [Fact]
    public async Task The_pages_hold_each_order_once_newest_first_and_the_last_page_says_so()
    {
        // A customer of this test alone, so the list holds exactly the orders it creates.
        var customer = fixture.SignedInClientFor(ResourceNames.ShopApi, $"pager-{Guid.NewGuid():N}", Roles.Customer);
        var created = new List<Guid>();
        for (var i = 0; i < Orders; i++)
        {
            using var create = await customer.PostAsJsonAsync("/api/orders", OrderRequests.Valid());
            Assert.Equal(HttpStatusCode.Created, create.StatusCode);
            created.Add((await create.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }

        var pages = await PagesAsync(customer, limit: 2);
        Assert.Equal([2, 2, 1], pages.Select(page => page.Count));
        Assert.Equal(Enumerable.Reverse(created), pages.SelectMany(page => page));

        // A last page that is exactly full links to nothing more.
        var whole = await PagesAsync(customer, limit: Orders);
        Assert.Equal([Orders], whole.Select(page => page.Count));
    }

    [Fact]
    public async Task A_before_that_names_none_of_the_customer_s_orders_is_a_validation_problem()
    {
        var someoneElses = await new ShopClient(fixture).CreateOrderAsync();
        var customer = fixture.SignedInClientFor(ResourceNames.ShopApi, $"pager-{Guid.NewGuid():N}", Roles.Customer);

        foreach (var before in new[] { Guid.NewGuid(), someoneElses })
        {
            using var response = await customer.GetAsync($"/api/orders?before={before}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("before", out _));
        }
    }

    /// <summary>Every page, following next until it is null.</summary>
    private static async Task<List<List<Guid>>> PagesAsync(HttpClient customer, int limit)
    {
        var pages = new List<List<Guid>>();
        for (string? before = null; ;)
        {
            var page = await customer.GetFromJsonAsync<JsonElement>($"/api/orders?limit={limit}{(before is null ? "" : "&before=" + before)}");
            pages.Add(page.GetProperty("orders").EnumerateArray().Select(order => order.GetProperty("id").GetGuid()).ToList());
            if (page.GetProperty("next").ValueKind == JsonValueKind.Null)
            {
                return pages;
            }

            before = page.GetProperty("next").GetString();
            Assert.True(pages.Count <= Orders, "The pages never end.");
        }
    }
}
