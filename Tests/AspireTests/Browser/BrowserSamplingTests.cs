using System.Net;
using Alexandrite.AspireTests.Sampling;

namespace Alexandrite.AspireTests.Browser;

/// <summary>
/// A page cannot have a trace kept against the services' ratio: the relay samples the browser's roots again with the
/// registered sampler, whatever sampled flag the page sent. At 10%, a trace id whose first byte is 0 is kept by the
/// trace-id ratio rule (its first 8 bytes are below 0.1 * long.MaxValue) and one starting 7f or ff is not.
/// </summary>
[Collection(SampledAspireCollection.Name)]
public sealed class BrowserSamplingTests(SampledAspireFixture fixture)
{
    [Fact]
    public async Task The_relay_keeps_the_browser_s_traces_the_ratio_keeps_and_no_other()
    {
        var kept = Enumerable.Range(0, 3).Select(_ => BrowserSpanExport.Submit(BrowserSpanExport.NewTraceId("00"), "/order/new")).ToList();
        var dropped = Enumerable.Range(0, 6).Select(i => BrowserSpanExport.Submit(BrowserSpanExport.NewTraceId(i % 2 == 0 ? "7f" : "ff"), "/order/new")).ToList();
        var children = kept.Concat(dropped).Select(root => BrowserSpanExport.FetchUnder(root, "http://localhost/order/new")).ToList();

        using var response = await BrowserSpanExport.PostAsync(fixture.ShopWeb, BrowserSpanExport.Content([.. kept, .. dropped, .. children]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var keptIds = kept.Select(span => span.TraceId).ToHashSet();
        await fixture.Telemetry.WaitForSpansAsync(all => keptIds.All(traceId => all.Count(span => span.TraceId == traceId) == 2), TraceAssertions.TelemetryTimeout);
        await Task.Delay(TimeSpan.FromSeconds(3)); // Any batch that would carry a dropped trace has gone out by now.

        var droppedIds = dropped.Select(span => span.TraceId).ToHashSet();
        Assert.DoesNotContain(fixture.Telemetry.Spans, span => droppedIds.Contains(span.TraceId));
    }
}
