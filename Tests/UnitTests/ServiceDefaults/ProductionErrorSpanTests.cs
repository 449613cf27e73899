using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alexandrite.Testing.Otlp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Alexandrite.UnitTests.ServiceDefaults;

/// <summary>
/// Outside Development the exception handler handles every exception, and OpenTelemetry.Instrumentation.AspNetCore
/// records no exception event for a handled one: the service defaults must, or a failed request's span says nothing
/// about why in production. The end-to-end suite runs in Development, which hides the gap, so this runs a service
/// built on the defaults in Production, its traces sent to a receiver (the second destination's settings).
/// </summary>
public sealed class ProductionErrorSpanTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_exception_in_Production_gives_a_500_problem_and_an_error_span_with_one_exception_event()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var app = await StartServiceAsync(receiver);
        using var client = new HttpClient { BaseAddress = Address(app), Timeout = Timeout };

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

    private static async Task<WebApplication> StartServiceAsync(OtlpReceiver receiver)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_SERVICE_NAME"] = "production-error-test",
            ["Telemetry:Jaeger:Endpoint"] = receiver.Endpoint.ToString(),
            ["Telemetry:Jaeger:Protocol"] = "http/protobuf",
            ["Telemetry:Sampling:Ratio"] = "1",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();

        var app = builder.Build();
        app.MapGet("/orders/{id}/fail", (int id) => id > 0 ? throw new InvalidOperationException("Deliberate failure") : Results.Ok());
        app.MapDefaultEndpoints();
        await app.StartAsync();
        return app;
    }

    private static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
}
