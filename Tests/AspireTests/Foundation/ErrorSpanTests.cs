using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alexandrite.Contracts;
using Alexandrite.Testing.Otlp;

namespace Alexandrite.AspireTests.Foundation;

[Collection(AspireCollection.Name)]
public sealed class ErrorSpanTests(AspireFixture fixture)
{
    [Fact]
    public async Task An_exception_in_a_handler_gives_a_500_problem_and_an_error_span_with_an_exception_event()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/diagnostics/failure");
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await fixture.SignedInClientFor(ResourceNames.MesApi, "support", Roles.Support).SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(500, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());

        var spans = await fixture.Telemetry.WaitForSpansAsync(
            all => all.Any(span => span.IsServerSpanFor(ResourceNames.MesApi, "/diagnostics/failure")),
            TraceAssertions.TelemetryTimeout);
        var server = spans.Single(span => span.IsServerSpanFor(ResourceNames.MesApi, "/diagnostics/failure"));

        Assert.Equal("GET /diagnostics/failure", server.Name);
        Assert.Equal(ReceivedStatusCode.Error, server.StatusCode);
        Assert.Equal(500L, server.Attributes["http.response.status_code"]);
        Assert.Equal("System.InvalidOperationException", server.Attributes["error.type"]);
        var exception = Assert.Single(server.Events, e => e.Name == "exception");
        Assert.Equal("System.InvalidOperationException", exception.Attributes["exception.type"]);
        Assert.Contains("Deliberate failure", exception.Attributes["exception.message"] as string);
        Assert.False(string.IsNullOrEmpty(exception.Attributes["exception.stacktrace"] as string));
    }

    /// <summary>
    /// In Development, as every run starts, ASP.NET Core would put the stack trace, source paths and the request's
    /// headers in the body; the caller's credentials (here a valid access token) must never come back, whatever the
    /// environment.
    /// </summary>
    [Fact]
    public async Task A_500_in_Development_carries_no_stack_trace_and_none_of_the_request_s_headers()
    {
        var token = fixture.Tokens.Create("support", Roles.Support, ResourceNames.ShopApi);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/diagnostics/failure");
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Cookie", "session=canary-cookie-value");
        using var response = await fixture.ClientFor(ResourceNames.ShopApi).SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("canary", body, StringComparison.Ordinal);
        Assert.DoesNotContain(token, body, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\bat [\w.`<>]+\(", body); // a stack frame: "at Namespace.Type.Method("
        Assert.DoesNotContain(".cs:line", body, StringComparison.Ordinal);
        Assert.False(JsonDocument.Parse(body).RootElement.TryGetProperty("exception", out _), body);
    }
}
