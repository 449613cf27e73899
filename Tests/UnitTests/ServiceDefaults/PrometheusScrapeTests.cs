using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Alexandrite.Testing.Otlp;
using Microsoft.AspNetCore.Builder;

namespace Alexandrite.UnitTests.ServiceDefaults;

/// <summary>
/// With Telemetry:Prometheus:Port set, a service serves its metrics in Prometheus's text format on that port, as
/// Prometheus asks for them, and not as a route of its own API.
/// </summary>
[Collection(ServiceDefaultsHostCollection.Name)]
public sealed class PrometheusScrapeTests
{
    [Fact]
    public async Task The_metrics_are_served_on_their_own_port_in_Prometheus_text_format()
    {
        var port = FreePort();
        await using var receiver = await OtlpReceiver.StartAsync();
        var builder = LoopbackApps.ServiceBuilder("Development", receiver, new Dictionary<string, string?> { ["Telemetry:Prometheus:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await using var app = await LoopbackApps.StartAsync(builder, _ => { });
        using var meter = new Meter("Alexandrite.Tests.Prometheus");
        meter.CreateCounter<long>("alexandrite.test.scrapes", "{scrape}").Add(3);

        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://localhost:{port}/metrics");
        // What Prometheus 2.42 sends (https://prometheus.io/docs/instrumenting/content_negotiation/).
        request.Headers.TryAddWithoutValidation("Accept", "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("target_info", body, StringComparison.Ordinal);
        // Named as the rules expect a counter: dots to underscores, _total (the unit in braces adds nothing).
        Assert.Matches(new System.Text.RegularExpressions.Regex(@"^alexandrite_test_scrapes_total(\{[^}]*\})? 3(\s|$)", System.Text.RegularExpressions.RegexOptions.Multiline), body);

        using var ownPort = await new HttpClient().GetAsync(new Uri(LoopbackApps.Address(app), "/metrics"));
        Assert.Equal(HttpStatusCode.NotFound, ownPort.StatusCode);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
