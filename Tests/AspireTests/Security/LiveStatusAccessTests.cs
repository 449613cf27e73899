using System.Net.Http.Headers;
using Alexandrite.Contracts;

namespace Alexandrite.AspireTests.Security;

/// <summary>
/// Who may follow which order's changes (the event streams behind live pages): nobody anonymously, a customer only
/// their own orders (another's is answered like an order that does not exist), the back office's stream staff only;
/// refusals are 4xx problem details, never a 500 or the sign-in page. An allowed subscription opens at once.
/// </summary>
[Collection(AspireCollection.Name)]
public sealed class LiveStatusAccessTests(AspireFixture fixture)
{
    private readonly ShopClient _shop = new(fixture);

    [Theory]
    [InlineData("/orders/{0}/changes")]
    [InlineData("/backoffice/changes")]
    public async Task Shop_Web_s_streams_refuse_anonymous_callers(string path)
    {
        var orderId = await _shop.CreateOrderAsync();
        using var response = await SubscribeAsync(fixture.AnonymousBrowser(followRedirects: false), string.Format(System.Globalization.CultureInfo.InvariantCulture, path, orderId));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_customer_cannot_follow_another_customer_s_order_nor_the_back_office()
    {
        var theirs = await new ShopClient(fixture).CreateOrderAsync();
        var other = await fixture.SignedInBrowserAsync(SignInUsers.SecondCustomer, followRedirects: false);

        using (var order = await SubscribeAsync(other, $"/orders/{theirs}/changes"))
        {
            Assert.Equal(HttpStatusCode.NotFound, order.StatusCode);
            Assert.Equal("application/problem+json", order.Content.Headers.ContentType?.MediaType);
        }

        using (var unknown = await SubscribeAsync(other, $"/orders/{Guid.NewGuid()}/changes"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using (var backOffice = await SubscribeAsync(other, "/backoffice/changes"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, backOffice.StatusCode);
        }

        // Shop.Api itself decides alike, whoever calls it.
        var otherApi = fixture.SignedInClientFor(ResourceNames.ShopApi, SignInUsers.SecondCustomer, Roles.Customer);
        using (var order = await SubscribeAsync(otherApi, $"/api/orders/{theirs}/changes"))
        {
            Assert.Equal(HttpStatusCode.NotFound, order.StatusCode);
        }

        using (var all = await SubscribeAsync(otherApi, "/api/orders/changes"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, all.StatusCode);
        }
    }

    [Fact]
    public async Task The_owner_and_staff_are_subscribed_at_once()
    {
        var orderId = await _shop.CreateOrderAsync();
        var streams = new[]
        {
            (fixture.ShopWeb, $"/orders/{orderId}/changes"),
            (fixture.SupportWeb, "/backoffice/changes"),
            (fixture.ShopApiForSupport, $"/api/orders/{orderId}/changes"),
            (fixture.ShopApiForSupport, "/api/orders/changes"),
        };
        foreach (var (client, path) in streams)
        {
            using var response = await SubscribeAsync(client, path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            await using var stream = await response.Content.ReadAsStreamAsync();
            using var reader = new StreamReader(stream);
            using var timeout = new CancellationTokenSource(AlexandriteSystem.RequestTimeout);
            Assert.Equal("event: ready", await reader.ReadLineAsync(timeout.Token));
        }
    }

    /// <summary>Subscribes as a browser's EventSource does; only the answer's headers are awaited.</summary>
    private static async Task<HttpResponseMessage> SubscribeAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }
}
