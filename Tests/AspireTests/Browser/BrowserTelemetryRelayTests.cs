using System.Net;
using System.Net.Http.Headers;
using Alexandrite.Contracts;
using Alexandrite.Testing.Otlp;

namespace Alexandrite.AspireTests.Browser;

/// <summary>
/// Shop.Web's relay of the page's spans (OTLP/HTTP JSON from OpenTelemetry JS): they join the trace the page started,
/// with the page's ids and parents, named by route and scrubbed like every other span; anything else is refused.
/// </summary>
[Collection(AspireCollection.Name)]
public sealed class BrowserTelemetryRelayTests(AspireFixture fixture)
{
    [Fact]
    public async Task A_page_s_spans_keep_their_ids_and_parents_are_named_by_route_carry_order_id_and_are_scrubbed()
    {
        var orderId = Guid.CreateVersion7();
        var canary = "cnry" + Guid.NewGuid().ToString("N")[..12];
        var submit = BrowserSpanExport.Submit(BrowserSpanExport.NewTraceId(), $"/orders/{orderId}/submit", orderId, page: $"/orders/{orderId}?ref={canary}&email=mail.{canary}@example.com");
        submit.Attributes["target_text"] = $"Ada {canary}";
        var fetch = BrowserSpanExport.FetchUnder(submit, $"{fixture.ServiceUri(ResourceNames.ShopWeb)}orders/{orderId}/submit?note={canary}");

        using var response = await BrowserSpanExport.PostAsync(fixture.ShopWeb, BrowserSpanExport.Content(fetch, submit));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var spans = await fixture.Telemetry.WaitForSpansAsync(
            all => all.Any(span => span.SpanId == submit.SpanId) && all.Any(span => span.SpanId == fetch.SpanId), TraceAssertions.TelemetryTimeout);
        var click = spans.Single(span => span.SpanId == submit.SpanId);
        var request = spans.Single(span => span.SpanId == fetch.SpanId);
        Assert.Equal((ResourceNames.ShopWeb, "Alexandrite.Browser", "submit /orders/{id:guid}/submit", ReceivedSpanKind.Internal, submit.TraceId, true),
            (click.ServiceName, click.ScopeName, click.Name, click.Kind, click.TraceId, click.IsRoot));
        Assert.Equal(("POST /orders/{id:guid}/submit", ReceivedSpanKind.Client, submit.TraceId, submit.SpanId),
            (request.Name, request.Kind, request.TraceId, request.ParentSpanId));
        Assert.All([click, request], span => Assert.Equal(orderId.ToString(), span.GetString("order.id")));

        var everything = fixture.Telemetry.AllStrings().Concat(fixture.Jaeger.AllStrings());
        Assert.DoesNotContain(everything, text => text.Contains(canary, StringComparison.OrdinalIgnoreCase));

        // Telemetry about telemetry is not traced itself.
        Assert.DoesNotContain(fixture.Telemetry.Spans, span => span.GetString("url.path") == BrowserSpanExport.Path && span.ScopeName == "Microsoft.AspNetCore");
    }

    [Fact]
    public async Task Anonymous_callers_get_401()
    {
        var submit = BrowserSpanExport.Submit(BrowserSpanExport.NewTraceId(), "/order/new");
        using var response = await fixture.AnonymousBrowser(followRedirects: false).PostAsync(BrowserSpanExport.Path, BrowserSpanExport.Content(submit));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_page_s_antiforgery_token_nothing_is_relayed()
    {
        var submit = BrowserSpanExport.Submit(BrowserSpanExport.NewTraceId(), "/order/new");
        using var response = await fixture.ShopWeb.PostAsync(BrowserSpanExport.Path, BrowserSpanExport.Content(submit));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("application/json", "not json", HttpStatusCode.BadRequest)]
    [InlineData("application/json", """{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"xyz","spanId":"0123456789abcdef"}]}]}]}""", HttpStatusCode.BadRequest)]
    [InlineData("application/json", """{"resourceSpans":"many"}""", HttpStatusCode.BadRequest)]
    [InlineData("application/x-protobuf", "\n\u0001x", HttpStatusCode.UnsupportedMediaType)]
    public async Task Malformed_exports_get_a_problem_4xx(string contentType, string body, HttpStatusCode expected)
    {
        using var content = new StringContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await BrowserSpanExport.PostAsync(fixture.ShopWeb, content);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_export_beyond_the_size_limit_gets_413()
    {
        var spans = Enumerable.Range(0, 40).Select(_ => BrowserSpanExport.Submit(BrowserSpanExport.NewTraceId(), "/order/new")).ToArray();
        foreach (var span in spans)
        {
            span.Attributes["padding"] = new string('x', 8000);
        }

        using var response = await BrowserSpanExport.PostAsync(fixture.ShopWeb, BrowserSpanExport.Content(spans));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
