using System.Net;
using System.Net.Http.Json;
using Alexandrite.Contracts;
using Dapper;

namespace Alexandrite.AspireTests.Scale;

/// <summary>Overload is back-pressure, not errors: a saturated database makes Shop.Api answer 503, and it recovers by itself (issue 16).</summary>
[Collection(ScaledAspireCollection.Name)]
public sealed class BackPressureTests(ScaledAspireFixture fixture)
{
    /// <summary>Twice Shop.Api's pool (Database:Pools:shop-api in the AppHost's appsettings.json).</summary>
    private const int Requests = 60;

    [Fact]
    public async Task When_every_database_connection_of_Shop_Api_is_busy_new_orders_get_503_and_nothing_half_written()
    {
        // While the orders table takes no rows, each order being created holds one of Shop.Api's connections. The
        // first requests take the whole pool and wait; the others find no connection free within the pool's wait
        // (5 s) and must be answered 503 with Retry-After, not 500, having written nothing.
        var ids = Enumerable.Range(0, Requests).Select(_ => Guid.NewGuid()).ToList();
        await using var shop = await fixture.OpenDatabaseAsync(ResourceNames.ShopDatabase);
        List<Task<HttpResponseMessage>> sent;
        await using (var transaction = await shop.BeginTransactionAsync())
        {
            await shop.ExecuteAsync("LOCK TABLE orders IN SHARE MODE", transaction: transaction);
            sent = ids.Select(id => fixture.ShopApi.PostAsJsonAsync("/api/orders", OrderRequests.Valid(id: id))).ToList();
            await Eventually.UntilAsync(
                () => Task.FromResult(sent.Count(request => request.IsCompleted) >= Requests / 4),
                TimeSpan.FromSeconds(60),
                () => $"Only {sent.Count(request => request.IsCompleted)} of {Requests} requests were answered while the orders table was locked.");
            await transaction.RollbackAsync();
        }

        var answers = await Task.WhenAll(sent);
        var statuses = answers.Select(answer => answer.StatusCode).ToList();
        Assert.All(statuses, status => Assert.True(status is HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable, $"got {(int)status}"));
        var refused = ids.Where((_, index) => statuses[index] == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.True(refused.Count >= Requests / 4, $"{refused.Count} answers were 503");
        foreach (var answer in answers.Where(answer => answer.StatusCode == HttpStatusCode.ServiceUnavailable))
        {
            await ShopClient.AssertUnavailableAsync(answer);
        }

        var written = (await shop.QueryAsync<Guid>("SELECT id FROM orders WHERE id = ANY(@ids)", new { ids })).ToHashSet();
        Assert.Equal(Requests - refused.Count, written.Count);
        Assert.DoesNotContain(refused, written.Contains);

        // Recovered without help: the next order goes through.
        await new ShopClient(fixture).CreateOrderAsync();
    }
}
