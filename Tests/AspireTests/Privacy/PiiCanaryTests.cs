using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Alexandrite.AspireTests.Browser;
using Alexandrite.Contracts;
using Alexandrite.MeshAnalysis;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Alexandrite.AspireTests.Privacy;

/// <summary>
/// Personal data, credentials, query strings and file contents never reach telemetry: orders whose every
/// personal field, header and file carry unique canary strings run through the lifecycle, one failing on
/// purpose, and no canary appears in anything either OTLP destination received.
/// </summary>
[Collection(AspireCollection.Name)]
public sealed class PiiCanaryTests(AspireFixture fixture)
{
    private readonly ShopClient _shop = new(fixture);

    [Fact]
    public async Task No_canary_appears_anywhere_in_the_telemetry()
    {
        var canary = "cnry" + Guid.NewGuid().ToString("N")[..12];
        var phoneDigits = Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] canaries =
        [
            canary,
            $"+44 20 7946 {phoneDigits}",
            $"2079461{phoneDigits}",
        ];

        var completed = await RunOrderAsync(canary, phoneDigits, SampleModels.BinaryStlCube(10), expectFailure: false);
        var failed = await RunOrderAsync(canary, phoneDigits, SampleModels.BinaryStlCube(150), expectFailure: true);

        // Wait until both orders' last spans, and the logs and metrics after them, have been exported.
        await fixture.Telemetry.WaitForSpansAsync(
            all => all.Any(span => span.Name == "CloseOrder" && span.GetString("order.id") == completed.ToString())
                && all.Any(span => span.Name == "RecordPricingFailure" && span.GetString("order.id") == failed.ToString()),
            TraceAssertions.TelemetryTimeout);
        await Task.Delay(TimeSpan.FromSeconds(3));

        var received = fixture.Telemetry.AllStrings().Concat(fixture.Jaeger.AllStrings()).ToList();
        Assert.NotEmpty(received);
        foreach (var value in canaries)
        {
            var leaks = received.Where(text => text.Contains(value, StringComparison.OrdinalIgnoreCase)).Take(5).ToList();
            Assert.True(leaks.Count == 0, $"'{value}' leaked into telemetry: {string.Join(" | ", leaks)}");
        }

        // The telemetry is not empty of what support needs: the orders are there, with a pseudonymous customer.
        Assert.Contains(fixture.Telemetry.Spans, span => span.Name == "CreateOrder" && span.GetString("order.id") == completed.ToString()
            && span.GetString("order.customer.id") is { Length: > 0 } pseudonym && !pseudonym.Contains(canary, StringComparison.Ordinal));
    }

    /// <summary>
    /// The browser's spans (OpenTelemetry JS, relayed by Shop.Web) go through the same scrubber: personal data typed
    /// into the new-order form, on a page whose address carries more in its query, never reaches telemetry, while
    /// the click's spans themselves do.
    /// </summary>
    [Fact]
    public async Task No_canary_typed_into_the_shop_s_pages_reaches_telemetry()
    {
        var canary = "cnry" + Guid.NewGuid().ToString("N")[..12];
        var phoneDigits = Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var session = await BrowserSession.LaunchAsync();
        var customer = await session.SignInAsync(fixture.ServiceUri(ResourceNames.ShopWeb), fixture.User(Roles.Customer));
        await customer.GotoAsync($"/order/new?ref={canary}&email=mail.{canary}@example.com");
        await customer.GetByLabel("Name", new() { Exact = true }).FillAsync($"Name {canary}");
        await customer.GetByLabel("E-mail").FillAsync($"mail.{canary}@example.com");
        await customer.GetByLabel("Phone").FillAsync($"+44 20 7946 {phoneDigits}");
        await customer.GetByLabel("Address").FillAsync($"{canary} Street 1, London");
        await customer.GetByLabel("Material").SelectOptionAsync("gold");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Expect(customer.GetByTestId("order-status")).ToHaveTextAsync("INITIATED", new() { Timeout = 60_000 });
        var orderId = customer.Url[(customer.Url.LastIndexOf('/') + 1)..];

        // The click's spans are exported (with the page's address, scrubbed), and Shop.Web's under them.
        var spans = await fixture.Telemetry.WaitForSpansAsync(
            all => all.Any(span => span.ScopeName == "Alexandrite.Browser" && span.Name == "submit /order/new" && span.GetString("order.id") == orderId)
                && all.Any(span => span.ScopeName == "Alexandrite.Browser" && span.Name == "POST /order/new" && span.GetString("order.id") == orderId)
                && all.Any(span => span.Name == "CreateOrder" && span.GetString("order.id") == orderId),
            TraceAssertions.TelemetryTimeout);
        var click = spans.Single(span => span.ScopeName == "Alexandrite.Browser" && span.Name == "submit /order/new" && span.GetString("order.id") == orderId);
        Assert.Equal(new Uri(fixture.ServiceUri(ResourceNames.ShopWeb), "/order/new").ToString(), click.GetString("url.full"));
        await Task.Delay(TimeSpan.FromSeconds(3));

        var received = fixture.Telemetry.AllStrings().Concat(fixture.Jaeger.AllStrings()).ToList();
        foreach (var value in new[] { canary, $"+44 20 7946 {phoneDigits}", $"2079461{phoneDigits}" })
        {
            var leaks = received.Where(text => text.Contains(value, StringComparison.OrdinalIgnoreCase)).Take(5).ToList();
            Assert.True(leaks.Count == 0, $"'{value}' leaked into telemetry: {string.Join(" | ", leaks)}");
        }
    }

    private async Task<Guid> RunOrderAsync(string canary, string phoneDigits, byte[] model, bool expectFailure)
    {
        var orderId = Guid.CreateVersion7();
        using (var create = Request(HttpMethod.Post, $"/api/orders?ref={canary}", canary))
        {
            create.Content = JsonContent.Create(new
            {
                id = orderId,
                customer = new
                {
                    name = $"Name {canary}",
                    email = $"mail.{canary}@example.com",
                    phone = $"+44 20 7946 {phoneDigits}",
                    address = $"{canary} Street 1, London",
                },
                material = "gold",
            });
            (await fixture.ShopApi.SendAsync(create)).EnsureSuccessStatusCode();
        }

        // The binary STL header is free text: the canary sits in the file's bytes too.
        var header = Encoding.ASCII.GetBytes($"model by {canary} mail.{canary}@example.com".PadRight(80)[..80]);
        header.CopyTo(model, 0);
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new ByteArrayContent(model), "file", $"ring-{canary}.stl");
            using var upload = Request(HttpMethod.Put, $"/api/orders/{orderId}/model?ref={canary}", canary);
            upload.Content = form;
            (await fixture.ShopApi.SendAsync(upload)).EnsureSuccessStatusCode();
        }

        using (var submit = Request(HttpMethod.Post, $"/api/orders/{orderId}/submit?ref={canary}", canary))
        {
            (await fixture.ShopApi.SendAsync(submit)).EnsureSuccessStatusCode();
        }

        if (expectFailure)
        {
            await _shop.WaitForStatusAsync(orderId, "PRICE_CALCULATION_FAILED");
            return orderId;
        }

        await _shop.WaitForStatusAsync(orderId, "PRICE_CALCULATED");
        using (var approve = Request(HttpMethod.Post, $"/api/orders/{orderId}/approve?ref={canary}", canary))
        {
            (await fixture.Manager.SendAsync(approve)).EnsureSuccessStatusCode();
        }

        await _shop.WaitInOperatorQueueAsync(orderId);
        foreach (var (step, status) in new[] { ("start", "MANUFACTURING_STARTED"), ("complete", "MANUFACTURING_COMPLETED"), ("package", "PACKAGING"), ("ship", "SHIPPED") })
        {
            using var request = Request(HttpMethod.Post, $"/api/operator/orders/{orderId}/{step}?ref={canary}", canary);
            (await fixture.Operator.SendAsync(request)).EnsureSuccessStatusCode();
            await _shop.WaitForStatusAsync(orderId, status);
        }

        using (var confirm = Request(HttpMethod.Post, $"/api/orders/{orderId}/confirm-receipt?ref={canary}", canary))
        {
            (await fixture.Customer.SendAsync(confirm)).EnsureSuccessStatusCode();
        }

        var order = await _shop.WaitForStatusAsync(orderId, "CLOSED");
        Assert.Equal(JsonValueKind.Array, order.GetProperty("history").ValueKind);
        return orderId;
    }

    /// <summary>A request with the canary in an Authorization header, a cookie and the query string.</summary>
    private static HttpRequestMessage Request(HttpMethod method, string uri, string canary)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", $"tok{canary}secret");
        request.Headers.Add("Cookie", $"session={canary}");
        return request;
    }
}
