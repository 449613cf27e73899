using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Alexandrite.AspireTests.Reliability;

/// <summary>
/// A database outage under an open event stream: Shop.Api's one LISTEN connection is lost with Postgres, listens again
/// by itself once Postgres is back, tells the open streams to refresh (changes made meanwhile were not heard), and
/// later changes reach the same stream. The stream itself stays open throughout: the browser has nothing to redo.
/// </summary>
[Collection(AspireCollection.Name)]
public sealed class LiveStatusOutageTests(AspireFixture fixture)
{
    private const string Postgres = "postgres";

    private readonly ShopClient _shop = new(fixture);

    [Fact]
    public async Task After_a_database_outage_the_open_stream_is_told_to_refresh_and_follows_changes_again()
    {
        // As support, who sees every order's changes. The client's timeout bounds the wait for the headers alone.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/orders/changes");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await fixture.ShopApiForSupport.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var events = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(ResourceLifecycle.Timeout * 3);
        Assert.Equal("event: ready", await events.ReadLineAsync(timeout.Token));

        await fixture.App.StopResourceAsync(Postgres);
        await fixture.App.StartResourceAsync(Postgres);

        Assert.Contains("refresh", await NextEventAsync(events, "refresh", timeout.Token), StringComparison.Ordinal);

        // Once Shop.Api accepts orders again, a new one's first status reaches the stream.
        var orderId = await CreateOrderWhenTheDatabaseIsBackAsync();
        Assert.Contains(orderId.ToString(), await NextEventAsync(events, "change", timeout.Token, orderId.ToString()), StringComparison.Ordinal);
    }

    /// <summary>The lines of the next event of <paramref name="type"/> (whose data contains <paramref name="containing"/>), skipping heartbeats and others.</summary>
    private static async Task<string> NextEventAsync(StreamReader events, string type, CancellationToken cancellationToken, string? containing = null)
    {
        var current = new List<string>();
        while (await events.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length > 0)
            {
                current.Add(line);
                continue;
            }

            var text = string.Join('\n', current);
            current.Clear();
            if (text.Contains($"event: {type}", StringComparison.Ordinal) && (containing is null || text.Contains(containing, StringComparison.Ordinal)))
            {
                return text;
            }
        }

        throw new Xunit.Sdk.XunitException($"The stream ended before an event of type {type}.");
    }

    private async Task<Guid> CreateOrderWhenTheDatabaseIsBackAsync()
    {
        var deadline = DateTime.UtcNow + ResourceLifecycle.Timeout;
        while (true)
        {
            using var response = await fixture.ShopApi.PostAsJsonAsync("/api/orders", OrderRequests.Valid("silver"));
            if (response.StatusCode == HttpStatusCode.Created)
            {
                return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
            }

            Assert.True(DateTime.UtcNow < deadline, $"Shop.Api still answers {(int)response.StatusCode} after Postgres came back.\n{fixture.DescribeForFailure()}");
            await Task.Delay(250);
        }
    }
}
