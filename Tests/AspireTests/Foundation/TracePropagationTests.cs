using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alexandrite.Contracts;
using Alexandrite.Testing.Otlp;

namespace Alexandrite.AspireTests.Foundation;

[Collection(AspireCollection.Name)]
public sealed class TracePropagationTests(AspireFixture fixture)
{
    [Fact]
    public async Task A_call_from_Shop_Web_to_Shop_Api_is_one_trace_with_correct_parents()
    {
        using var created = await fixture.ShopApi.PostAsJsonAsync("/api/orders", OrderRequests.Valid());
        var orderId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var page = await fixture.ShopWeb.GetAsync($"/orders/{orderId}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("INITIATED", await page.Content.ReadAsStringAsync());

        var spans = await fixture.Telemetry.WaitForSpansAsync(
            all => all.Any(span => span.IsServerSpanFor(ResourceNames.ShopApi, "/api/orders/{id:guid}") && span.GetString("url.path") == $"/api/orders/{orderId}")
                && all.Any(span => span.IsServerSpanFor(ResourceNames.ShopWeb, "/orders/{Id:guid}") && span.GetString("url.path") == $"/orders/{orderId}"),
            TraceAssertions.TelemetryTimeout);

        var webServer = spans.Single(span => span.IsServerSpanFor(ResourceNames.ShopWeb, "/orders/{Id:guid}") && span.GetString("url.path") == $"/orders/{orderId}");
        var trace = spans.InTrace(webServer.TraceId);
        var apiServer = trace.Single(span => span.IsServerSpanFor(ResourceNames.ShopApi, "/api/orders/{id:guid}"));

        // Shop.Web server -> Shop.Web HttpClient span -> Shop.Api server span -> Npgsql query.
        Assert.True(webServer.IsRoot, "The browser request starts the trace.");
        Assert.Equal("GET /orders/{Id:guid}", webServer.Name);
        var client = trace.ParentOf(apiServer);
        Assert.Equal(ReceivedSpanKind.Client, client.Kind);
        Assert.Equal(ResourceNames.ShopWeb, client.ServiceName);
        Assert.Equal("System.Net.Http", client.ScopeName);
        Assert.Equal(webServer.SpanId, client.ParentSpanId);

        Assert.Equal("GET /api/orders/{id:guid}", apiServer.Name);
        Assert.Equal(200L, apiServer.Attributes["http.response.status_code"]);
        Assert.Equal("GET", apiServer.Attributes["http.request.method"]);
        Assert.Equal(ReceivedStatusCode.Unset, apiServer.StatusCode);

        var queries = trace.Where(span => span.ScopeName == "Npgsql" && span.ParentSpanId == apiServer.SpanId).ToList();
        Assert.NotEmpty(queries);
        Assert.All(queries, query => Assert.Equal(ReceivedSpanKind.Client, query.Kind));
        Assert.All(queries, query => Assert.Equal(ResourceNames.ShopApi, query.ServiceName));
        Assert.Contains(queries, query => query.Name == "SELECT orders");
    }

    [Fact]
    public async Task A_client_error_is_a_4xx_problem_and_not_an_error_span()
    {
        using var response = await fixture.ShopApi.PostAsJsonAsync("/api/orders", new { customer = new { name = "x" }, material = "wood" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("material", out _));
        Assert.True(errors.TryGetProperty("customer.email", out _));

        var spans = await fixture.Telemetry.WaitForSpansAsync(
            all => all.Any(span => span.IsServerSpanFor(ResourceNames.ShopApi, "/api/orders/") && (long?)span.Attributes["http.response.status_code"] == 400),
            TraceAssertions.TelemetryTimeout);
        var server = spans.Last(span => span.IsServerSpanFor(ResourceNames.ShopApi, "/api/orders/") && (long?)span.Attributes["http.response.status_code"] == 400);
        Assert.Equal(ReceivedStatusCode.Unset, server.StatusCode);
        Assert.False(server.Attributes.ContainsKey("error.type"));
    }
}
