using System.Net;
using Alexandrite.Testing.Otlp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace Alexandrite.UnitTests.ServiceDefaults;

/// <summary>
/// A service built on the defaults calls a peer by its resource name ("http://peer", found by service discovery in
/// services:peer:http:0, as the AppHost injects it). A transient failure of the peer is retried by the standard
/// resilience handler and each attempt is a client span in the caller's trace; a command (POST) is never retried.
/// </summary>
[Collection(ServiceDefaultsHostCollection.Name)]
public sealed class ResilienceTraceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_peer_s_transient_503_is_retried_and_both_attempts_are_in_the_trace()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var peerCalls = 0;
        await using var peer = await StartPeerAsync(context =>
        {
            // Unavailable once, then fine: what a peer does while it restarts.
            var first = Interlocked.Increment(ref peerCalls) == 1;
            context.Response.StatusCode = first ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
            return Task.CompletedTask;
        });
        await using var caller = await StartCallerAsync(receiver, peer);
        using var client = new HttpClient { BaseAddress = LoopbackApps.Address(caller), Timeout = Timeout };

        using var response = await client.GetAsync("/relay");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, peerCalls);
        // Each attempt is a client span under the caller's server span, in order: the 503, then the retry's 200.
        var peerUrl = LoopbackApps.Address(peer).ToString();
        bool IsAttempt(ReceivedSpan span) => span.Kind == ReceivedSpanKind.Client && span.GetString("url.full") == peerUrl;
        var spans = await receiver.WaitForSpansAsync(all => all.Count(IsAttempt) >= 2 && all.Any(span => span.Name == "GET /relay"), Timeout);
        var server = spans.Single(span => span.Name == "GET /relay");
        var attempts = spans.Where(IsAttempt).OrderBy(span => span.StartTime).ToList();
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, attempt => Assert.Equal(server.SpanId, attempt.ParentSpanId));
        Assert.Equal(503L, attempts[0].Attributes["http.response.status_code"]);
        Assert.Equal(ReceivedStatusCode.Error, attempts[0].StatusCode);
        Assert.Equal(200L, attempts[1].Attributes["http.response.status_code"]);
        Assert.True(attempts[1].StartTime >= attempts[0].EndTime, "The retry starts after the failed attempt ended (with the handler's back-off).");
    }

    [Fact]
    public async Task A_command_to_a_failing_peer_is_sent_once()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var peerCalls = 0;
        await using var peer = await StartPeerAsync(context =>
        {
            Interlocked.Increment(ref peerCalls);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });
        await using var caller = await StartCallerAsync(receiver, peer);
        using var client = new HttpClient { BaseAddress = LoopbackApps.Address(caller), Timeout = Timeout };

        using var response = await client.PostAsync("/relay", content: null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, peerCalls);
    }

    private static Task<WebApplication> StartCallerAsync(OtlpReceiver receiver, WebApplication peer) =>
        LoopbackApps.StartAsync(
            LoopbackApps.ServiceBuilder(Environments.Development, receiver, new Dictionary<string, string?> { ["services:peer:http:0"] = LoopbackApps.Address(peer).ToString() }),
            app =>
            {
                app.MapGet("/relay", async (IHttpClientFactory clients) =>
                    Results.StatusCode((int)(await clients.CreateClient().GetAsync(new Uri("http://peer/"))).StatusCode));
                app.MapPost("/relay", async (IHttpClientFactory clients) =>
                    Results.StatusCode((int)(await clients.CreateClient().PostAsync(new Uri("http://peer/"), content: null)).StatusCode));
            });

    private static Task<WebApplication> StartPeerAsync(RequestDelegate answer) =>
        LoopbackApps.StartAsync(WebApplication.CreateEmptyBuilder(new WebApplicationOptions()), app => app.Run(answer));
}
