using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alexandrite.Testing.Otlp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace Alexandrite.UnitTests.ServiceDefaults;

/// <summary>
/// Outside Development the exception handler handles every exception, and OpenTelemetry.Instrumentation.AspNetCore
/// records no exception event for a handled one: the service defaults must, or a failed request's span says nothing
/// about why in production. The end-to-end suite runs in Development, which hides the gap, so this runs a service
/// built on the defaults in Production, its traces sent to a receiver (the second destination's settings).
/// </summary>
[Collection(ServiceDefaultsHostCollection.Name)]
public sealed class ProductionErrorSpanTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_exception_in_Production_gives_a_500_problem_and_an_error_span_with_one_exception_event()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var app = await StartServiceAsync(receiver);
        using var client = new HttpClient { BaseAddress = LoopbackApps.Address(app), Timeout = Timeout };

        using var response = await client.GetAsync("/orders/7/fail");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(problem.TryGetProperty("exception", out _), "Production answers without the exception's details.");

        var spans = await receiver.WaitForSpansAsync(all => all.Any(span => span.Name == "GET /orders/{id}/fail"), Timeout);
        var server = spans.Single(span => span.Name == "GET /orders/{id}/fail");
        Assert.Equal(ReceivedStatusCode.Error, server.StatusCode);
        Assert.Equal(500L, server.Attributes["http.response.status_code"]);
        Assert.Equal("/orders/{id}/fail", server.Attributes["http.route"]);
        Assert.Equal("System.InvalidOperationException", server.Attributes["error.type"]);
        var exception = Assert.Single(server.Events, e => e.Name == "exception");
        Assert.Equal("System.InvalidOperationException", exception.Attributes["exception.type"]);
        Assert.Contains("Deliberate failure", exception.Attributes["exception.message"] as string, StringComparison.Ordinal);
    }

    private static Task<WebApplication> StartServiceAsync(OtlpReceiver receiver) =>
        LoopbackApps.StartAsync(LoopbackApps.ServiceBuilder(Environments.Production, receiver), app =>
        {
            app.MapGet("/orders/{id}/fail", (int id) => id > 0 ? throw new InvalidOperationException("Deliberate failure") : Results.Ok());
            app.MapDefaultEndpoints();
        });
}
