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
        using var response = await fixture.MesApi.SendAsync(request);

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
}
