using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alexandrite.Contracts;
using Alexandrite.MeshAnalysis;

namespace Alexandrite.AspireTests.Watchdog;

/// <summary>
/// Support's stuck list comes a page at a time (GET /api/orders/stuck: limit, after, stage), as the operator queue
/// does, so it costs the same however many orders are stuck (issue 16): longest waiting first, every order once
/// across the pages, one stage when asked; the same in Shop.Web's support page.
/// </summary>
[Collection(AspireCollection.Name)]
public sealed class StuckListPagingTests(AspireFixture fixture)
{
    private readonly ShopClient _shop = new(fixture);

    [Fact]
    public async Task The_stuck_list_comes_a_page_at_a_time_longest_waiting_first_with_every_order_once()
    {
        var orders = new List<Guid>();
        await fixture.App.RunCommandAsync(ResourceNames.MesApi, "pause-consumer");
        try
        {
            foreach (var _ in Enumerable.Range(0, 3))
            {
                orders.Add(await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(5), "silver"));
            }

            await Eventually.UntilAsync(
                async () => orders.All((await _shop.StuckOrdersAsync()).Select(OrderId).ToHashSet().Contains), ShopClient.StatusTimeout,
                () => $"The three orders never all appeared on the stuck list.\n{fixture.DescribeForFailure()}");

            // Other tests' stuck orders may be listed too: only this test's are compared between the reads.
            var inPagesOfOne = await _shop.StuckOrdersAsync(limit: 1);
            var inOnePage = await _shop.StuckOrdersAsync();
            var submitted = await _shop.StuckOrdersAsync(stage: "SUBMITTED", limit: 2);
            var ids = inPagesOfOne.Select(OrderId).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.Equal(orders, ids.Where(orders.Contains));
            Assert.Equal(orders, inOnePage.Select(OrderId).Where(orders.Contains));
            Assert.Equal(orders, submitted.Select(OrderId).Where(orders.Contains));
            Assert.All(submitted, order => Assert.Equal("SUBMITTED", order.GetProperty("stage").GetString()));
            var keys = inPagesOfOne.Select(order => (order.GetProperty("since").GetDateTimeOffset(), OrderId(order))).ToList();
            Assert.Equal(keys.OrderBy(key => key.Item1).ThenBy(key => key.Item2), keys);

            // The page after the first order starts with the second, in the API and on Shop.Web's support page.
            var after = await NextAfterAsync(orders[0]);
            var next = await fixture.Support.GetFromJsonAsync<JsonElement>($"/api/orders/stuck?stage=SUBMITTED&limit=1&after={after}");
            Assert.Equal(orders[1], OrderId(Assert.Single(next.GetProperty("orders").EnumerateArray())));
            var page = await fixture.SupportWeb.GetStringAsync($"/support?stage=SUBMITTED&after={after}");
            Assert.DoesNotContain($"<tr data-order=\"{orders[0]}\"", page, StringComparison.Ordinal);
            Assert.Contains($"<tr data-order=\"{orders[1]}\"", page, StringComparison.Ordinal);
            Assert.Contains("<h2 id=\"stuck\">Stuck in SUBMITTED</h2>", page, StringComparison.Ordinal);
        }
        finally
        {
            await fixture.App.RunCommandAsync(ResourceNames.MesApi, "resume-consumer");
        }

        foreach (var orderId in orders)
        {
            await _shop.WaitForStatusAsync(orderId, "MANUFACTURING_APPROVED");
        }
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("after=not-a-position", "after")]
    [InlineData("after=20261201T101010.123456Z_not-a-guid", "after")]
    [InlineData("stage=SHINY", "stage")]
    [InlineData("stage=CLOSED", "stage")]
    public async Task A_page_the_list_cannot_serve_is_a_validation_problem(string query, string parameter)
    {
        using var response = await fixture.Support.GetAsync($"/api/orders/stuck?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Fact]
    public async Task Shop_Web_shows_the_first_page_for_an_old_position_and_says_so_for_an_unwatched_stage()
    {
        using var oldPosition = await fixture.SupportWeb.GetAsync("/support?after=not-a-position");
        Assert.Equal(HttpStatusCode.OK, oldPosition.StatusCode);
        var page = await oldPosition.Content.ReadAsStringAsync();
        Assert.Contains("<h2 id=\"stuck\">Stuck orders</h2>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"problem\"", page, StringComparison.Ordinal);

        using var unwatched = await fixture.SupportWeb.GetAsync("/support?stage=CLOSED");
        Assert.Equal(HttpStatusCode.OK, unwatched.StatusCode);
        Assert.Contains("The watchdog does not watch a stage called CLOSED.", await unwatched.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>The "next" of the SUBMITTED page whose last order is <paramref name="orderId"/>, read a page of one at a time.</summary>
    private async Task<string> NextAfterAsync(Guid orderId)
    {
        for (string? after = null; ;)
        {
            var page = await fixture.Support.GetFromJsonAsync<JsonElement>($"/api/orders/stuck?stage=SUBMITTED&limit=1{(after is null ? "" : "&after=" + after)}");
            after = page.GetProperty("next").GetString();
            Assert.NotNull(after);
            if (OrderId(page.GetProperty("orders")[0]) == orderId)
            {
                return after;
            }
        }
    }

    private static Guid OrderId(JsonElement order) => order.GetProperty("orderId").GetGuid();
}
