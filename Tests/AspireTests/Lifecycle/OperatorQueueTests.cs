using System.Net;
using System.Text.Json;
using Alexandrite.Contracts;
using Alexandrite.MeshAnalysis;

namespace Alexandrite.AspireTests.Lifecycle;

/// <summary>
/// The operator's queue comes a page at a time (GET /api/operator/queue, limit and after, on an index of the jobs not
/// yet shipped): oldest approval first, every job once across the pages, the same in Shop.Web's back office.
/// </summary>
[Collection(AspireCollection.Name)]
public sealed class OperatorQueueTests(AspireFixture fixture)
{
    private readonly ShopClient _shop = new(fixture);

    [Fact]
    public async Task The_queue_comes_a_page_at_a_time_oldest_first_with_every_job_once()
    {
        var orders = new List<Guid>();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            var orderId = await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(5), "silver");
            await _shop.WaitInOperatorQueueAsync(orderId);
            orders.Add(orderId);
        }

        // Other tests' jobs come and go meanwhile: only this test's are compared between the two reads.
        var inPagesOfTwo = await _shop.OperatorQueueAsync(limit: 2);
        var inOnePage = await _shop.OperatorQueueAsync();
        var ids = inPagesOfTwo.Select(job => job.GetProperty("orderId").GetGuid()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(orders, ids.Where(orders.Contains));
        Assert.Equal(orders, inOnePage.Select(job => job.GetProperty("orderId").GetGuid()).Where(orders.Contains));
        var keys = inPagesOfTwo.Select(job => (job.GetProperty("approvedAt").GetDateTime(), job.GetProperty("orderId").GetGuid())).ToList();
        Assert.Equal(keys.OrderBy(key => key.Item1).ThenBy(key => key.Item2), keys);

        // Shop.Web's back office shows the page after a job: the jobs that follow it, not the job itself.
        var operatorWeb = await fixture.SignedInBrowserAsync(Roles.Operator);
        var page = await operatorWeb.GetStringAsync($"/backoffice/operator?after={orders[0]}");
        Assert.DoesNotContain($"data-order=\"{orders[0]}\"", page, StringComparison.Ordinal);
        Assert.Contains($"data-order=\"{orders[1]}\"", page, StringComparison.Ordinal);
        Assert.Contains($"action=\"/backoffice/operator/{orders[1]}/start?after={orders[0]}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_after_a_job_MES_does_not_know_is_a_validation_problem_and_Shop_Web_shows_the_first_page()
    {
        using var response = await fixture.Operator.GetAsync($"/api/operator/queue?after={Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty("after", out _), problem.ToString());

        var operatorWeb = await fixture.SignedInBrowserAsync(Roles.Operator);
        foreach (var after in new[] { Guid.NewGuid().ToString(), "not-an-id" })
        {
            using var page = await operatorWeb.GetAsync($"/backoffice/operator?after={after}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("<h1>Operator queue</h1>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    public async Task A_page_size_out_of_range_is_a_validation_problem(int limit)
    {
        using var response = await fixture.Operator.GetAsync($"/api/operator/queue?limit={limit}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty("limit", out _), problem.ToString());
    }
}
