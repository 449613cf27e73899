using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Alexandrite.Testing.Otlp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Alexandrite.UnitTests.ServiceDefaults;

/// <summary>
/// With Telemetry:Prometheus:Port set, a service serves its metrics in Prometheus's text format on that port, as
/// Prometheus asks for them, and not as a route of its own API; nothing else is served there; and the service starts
/// even when Prometheus is already knocking at that port.
/// </summary>
[Collection(ServiceDefaultsHostCollection.Name)]
public sealed class PrometheusScrapeTests
{
    [Fact]
    public async Task The_metrics_are_served_on_their_own_port_in_Prometheus_text_format()
    {
        var port = LoopbackApps.FreePort();
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var app = await LoopbackApps.StartAsync(ScrapedService(receiver, port), app => app.MapGet("/work", () => Results.Ok()));
        using var meter = new Meter("Alexandrite.Tests.Prometheus");
        meter.CreateCounter<long>("alexandrite.test.scrapes", "{scrape}").Add(3);

        using var client = new HttpClient();
        var (status, body) = await ScrapeAsync(client, port);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("target_info", body, StringComparison.Ordinal);
        // Named as the rules expect a counter: dots to underscores, _total (the unit in braces adds nothing).
        Assert.Matches(new Regex(@"^alexandrite_test_scrapes_total(\{[^}]*\})? 3(\s|$)", RegexOptions.Multiline), body);

        // The service's own port has no /metrics, and the scrape port serves nothing of the service's.
        using var ownPort = await client.GetAsync(new Uri(LoopbackApps.Address(app), "/metrics"));
        Assert.Equal(HttpStatusCode.NotFound, ownPort.StatusCode);
        using var serviceRouteOnScrapePort = await client.GetAsync($"http://localhost:{port}/work");
        Assert.Equal(HttpStatusCode.NotFound, serviceRouteOnScrapePort.StatusCode);
        using var postOnScrapePort = await client.PostAsync($"http://localhost:{port}/metrics", content: null);
        Assert.Equal(HttpStatusCode.NotFound, postOnScrapePort.StatusCode);
        using var serviceRoute = await client.GetAsync(new Uri(LoopbackApps.Address(app), "/work"));
        Assert.Equal(HttpStatusCode.OK, serviceRoute.StatusCode);
    }

    [Fact]
    public async Task The_service_starts_while_Prometheus_keeps_connecting_to_its_scrape_port()
    {
        var port = LoopbackApps.FreePort();
        await using var receiver = await OtlpReceiver.StartAsync();
        using var stop = new CancellationTokenSource();
        var connections = 0;

        // What Prometheus does to a service that starts or restarts: it connects to the scrape port again and again,
        // refused until the port is open, and then while the service is still starting.
        var knocking = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    await socket.ConnectAsync(IPAddress.Loopback, port, stop.Token);
                    Interlocked.Increment(ref connections);
                }
                catch (SocketException)
                {
                }
                catch (OperationCanceledException)
                {
                }
            }
        });

        using var client = new HttpClient();
        for (var start = 0; start < 3; start++)
        {
            await using var app = await LoopbackApps.StartAsync(ScrapedService(receiver, port), _ => { });
            var (status, _) = await ScrapeAsync(client, port);
            Assert.Equal(HttpStatusCode.OK, status);
        }

        await stop.CancelAsync();
        await knocking;
        Assert.True(Volatile.Read(ref connections) > 0, "the knocking reached the scrape port while a service was up");
    }

    private static WebApplicationBuilder ScrapedService(OtlpReceiver receiver, int port) =>
        LoopbackApps.ServiceBuilder("Development", receiver, new Dictionary<string, string?> { ["Telemetry:Prometheus:Port"] = port.ToString(CultureInfo.InvariantCulture) });

    private static async Task<(HttpStatusCode Status, string Body)> ScrapeAsync(HttpClient client, int port)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://localhost:{port}/metrics");
        // What Prometheus 2.42 sends (https://prometheus.io/docs/instrumenting/content_negotiation/).
        request.Headers.TryAddWithoutValidation("Accept", "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
