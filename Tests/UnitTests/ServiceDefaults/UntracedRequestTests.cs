using Alexandrite.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Http;

namespace Alexandrite.UnitTests.ServiceDefaults;

/// <summary>
/// Which requests get no server span (ServerSpans.IsUntraced): probes by path, a request that asks for none, and a
/// subscription to an event stream, which a browser's EventSource makes without any header of the page's choosing,
/// and Prometheus's scrapes, by the port they come in on.
/// </summary>
public sealed class UntracedRequestTests
{
    [Theory]
    [InlineData("GET", "/orders/0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b/changes", "text/event-stream", null, true)]
    [InlineData("GET", "/backoffice/changes", "text/event-stream", null, true)]
    [InlineData("GET", "/api/orders/changes", "text/event-stream, */*;q=0.1", null, true)]
    [InlineData("GET", "/orders/0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b", "text/html", "never", true)]
    [InlineData("GET", "/health", null, null, true)]
    [InlineData("GET", "/orders/0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b", "text/html", null, false)]
    [InlineData("GET", "/orders/0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b/changes", null, null, false)]
    [InlineData("POST", "/orders/0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b/submit", "text/event-stream", null, false)]
    [InlineData("GET", "/orders", "text/html", "always", false)]
    public void Streams_probes_and_requests_that_ask_are_not_traced(string method, string path, string? accept, string? trace, bool untraced)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        if (accept is not null)
        {
            context.Request.Headers.Accept = accept;
        }

        if (trace is not null)
        {
            context.Request.Headers[SamplingOptions.ForceHeader] = trace;
        }

        Assert.Equal(untraced, ServerSpans.IsUntraced(context, new TelemetryOptions()));
    }

    [Theory]
    [InlineData(9464, true)]
    [InlineData(5100, false)]
    public void Prometheus_scrapes_are_not_traced(int localPort, bool untraced)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = "/metrics";
        context.Connection.LocalPort = localPort;

        Assert.Equal(untraced, ServerSpans.IsUntraced(context, new TelemetryOptions { Prometheus = { Port = 9464 } }));
    }
}
