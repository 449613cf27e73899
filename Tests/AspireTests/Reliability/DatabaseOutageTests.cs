using System.Net;
using System.Text.Json;
using Alexandrite.Contracts;

namespace Alexandrite.AspireTests.Reliability;

/// <summary>
/// With Postgres stopped (the dashboard's Stop command), Shop.Api answers 503 with Retry-After as a problem, never a
/// 500 naming the database's address; once Postgres is started again it answers as before, by itself.
/// </summary>
[Collection(AspireCollection.Name)]
public sealed class DatabaseOutageTests(AspireFixture fixture)
{
    private const string Postgres = "postgres";

    private readonly ShopClient _shop = new(fixture);

    [Fact]
    public async Task A_request_while_the_database_is_down_is_a_503_with_Retry_After_and_works_again_after()
    {
        var orderId = await _shop.CreateOrderAsync();

        await fixture.App.StopResourceAsync(Postgres);
        HttpResponseMessage whileDown;
        try
        {
            whileDown = await fixture.ShopApi.GetAsync($"/api/orders/{orderId}");
        }
        finally
        {
            await fixture.App.StartResourceAsync(Postgres);
        }

        using (whileDown)
        {
            var body = await whileDown.Content.ReadAsStringAsync();
            Assert.True(whileDown.StatusCode == HttpStatusCode.ServiceUnavailable, $"got {(int)whileDown.StatusCode}: {body}");
            Assert.Equal("application/problem+json", whileDown.Content.Headers.ContentType?.MediaType);
            Assert.True(whileDown.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 without Retry-After");
            Assert.Equal(503, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
            Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal);
        }

        // The service's connection pool opens new connections by itself: no restart of Shop.Api.
        var deadline = DateTime.UtcNow + ResourceLifecycle.Timeout;
        while (true)
        {
            using var again = await fixture.ShopApi.GetAsync($"/api/orders/{orderId}");
            if (again.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Shop.Api still answers {(int)again.StatusCode} after Postgres came back.\n{fixture.DescribeForFailure()}");
            await Task.Delay(250);
        }

        Assert.Equal("INITIATED", (await _shop.GetOrderAsync(orderId)).GetProperty("status").GetString());
        await _shop.WaitForStatusAsync(await _shop.SubmitNewOrderAsync(MeshAnalysis.SampleModels.BinaryStlCube(5), "silver"), "MANUFACTURING_APPROVED");
    }
}
