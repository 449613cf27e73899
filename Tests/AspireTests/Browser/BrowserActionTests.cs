using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alexandrite.Contracts;

namespace Alexandrite.AspireTests.Browser;

/// <summary>The page's side of the browser's spans: Shop.Web opens a span for a click and ends it with the answer.</summary>
[Collection(AspireCollection.Name)]
public sealed class BrowserActionTests(AspireFixture fixture)
{
    [Fact]
    public async Task A_click_s_span_is_a_root_with_a_traceparent_the_page_sends_and_ends_with_the_answer()
    {
        var orderId = Guid.CreateVersion7();
        using var start = await PostAsync("/telemetry/browser-actions", new { path = $"/orders/{orderId}/submit", orderId });
        start.EnsureSuccessStatusCode();
        var action = await start.Content.ReadFromJsonAsync<JsonElement>();
        var spanId = action.GetProperty("spanId").GetString()!;
        var traceParent = action.GetProperty("traceParent").GetString()!;
        Assert.Matches($"^00-[0-9a-f]{{32}}-{spanId}-01$", traceParent);

        using var end = await PostAsync("/telemetry/browser-actions/end", new { spanId, status = 409 });
        Assert.Equal(HttpStatusCode.NoContent, end.StatusCode);

        var spans = await fixture.Telemetry.WaitForSpansAsync(all => all.Any(span => span.SpanId == spanId), TraceAssertions.TelemetryTimeout);
        var click = spans.Single(span => span.SpanId == spanId);
        Assert.True(click.IsRoot);
        Assert.Equal((ResourceNames.ShopWeb, "Alexandrite.Browser", "submit /orders/{id:guid}/submit"), (click.ServiceName, click.ScopeName, click.Name));
        Assert.Equal(orderId.ToString(), click.GetString("order.id"));
        Assert.Equal(409L, click.Attributes["http.response.status_code"]);

        // Telemetry about telemetry is not traced itself.
        Assert.DoesNotContain(spans, span => span.GetString("url.path")?.StartsWith("/telemetry/", StringComparison.Ordinal) == true && span.ScopeName == "Microsoft.AspNetCore");
    }

    [Theory]
    [InlineData("https://elsewhere.example/orders")]
    [InlineData("/orders?email=ada@example.com")]
    [InlineData("/made-up/span/name")]
    [InlineData("/health")]
    [InlineData("")]
    public async Task A_path_that_is_not_one_of_the_site_s_form_actions_is_refused(string path)
    {
        using var response = await PostAsync("/telemetry/browser-actions", new { path });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_page_s_antiforgery_token_no_span_is_opened()
    {
        using var response = await fixture.ShopWeb.PostAsJsonAsync("/telemetry/browser-actions", new { path = "/order/new" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("0123456789abcdef")]
    [InlineData("not-a-span-id")]
    public async Task Ending_an_action_that_is_not_open_is_404(string spanId)
    {
        using var response = await PostAsync("/telemetry/browser-actions/end", new { spanId, status = 200 });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>Posts JSON as the page's script does, with the antiforgery token of a page of the shop.</summary>
    private async Task<HttpResponseMessage> PostAsync(string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("RequestVerificationToken", await ShopWebForms.AntiforgeryTokenAsync(fixture.ShopWeb, "/order/new"));
        return await fixture.ShopWeb.SendAsync(request);
    }
}
