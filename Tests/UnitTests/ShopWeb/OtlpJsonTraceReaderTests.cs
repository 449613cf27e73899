extern alias ShopWeb;

using System.Diagnostics;
using BrowserTelemetryOptions = ShopWeb::Alexandrite.Shop.Web.Telemetry.BrowserTelemetryOptions;
using OtlpJsonException = ShopWeb::Alexandrite.Shop.Web.Telemetry.OtlpJsonException;
using OtlpJsonTraceReader = ShopWeb::Alexandrite.Shop.Web.Telemetry.OtlpJsonTraceReader;

namespace Alexandrite.UnitTests.ShopWeb;

public sealed class OtlpJsonTraceReaderTests
{
    [Fact]
    public void A_JS_exporter_s_request_reads_as_spans_with_their_ids_parent_kind_times_attributes_events_and_status()
    {
        var submit = BrowserSpans.Submit(ActivityTraceId.CreateRandom(), "/order/new", "0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b");
        var fetch = BrowserSpans.Fetch(submit, "http://shop.test/order/new", status: 500) with { Error = true };

        var spans = BrowserSpans.Read(BrowserSpans.Json(submit, fetch));

        Assert.Equal(2, spans.Count);
        var click = spans.Single(span => span.SpanId == submit.SpanId);
        Assert.Equal(("submit", ActivityKind.Internal, submit.TraceId, (ActivitySpanId?)null, false), (click.Name, click.Kind, click.TraceId, click.ParentSpanId, click.IsError));
        Assert.Equal("/order/new", click.Attribute("url.path"));
        var request = spans.Single(span => span.SpanId == fetch.SpanId);
        Assert.Equal((ActivityKind.Client, (ActivitySpanId?)submit.SpanId, true), (request.Kind, request.ParentSpanId, request.IsError));
        Assert.Equal(500L, request.Attribute("http.response.status_code"));
        Assert.Equal(TimeSpan.FromMilliseconds(250), request.End - request.Start);
        Assert.Equal("fetchStart", Assert.Single(request.Events).Name);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"resourceSpans":{}}""")]
    [InlineData("""{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"xyz","spanId":"0123456789abcdef"}]}]}]}""")]
    [InlineData("""{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"0123456789abcdef0123456789abcdef","spanId":"0000000000000000"}]}]}]}""")]
    [InlineData("""{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"0123456789abcdef0123456789abcdef","spanId":"0123456789abcdef","parentSpanId":"12"}]}]}]}""")]
    [InlineData("""{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"0123456789abcdef0123456789abcdef","spanId":"0123456789abcdef","startTimeUnixNano":"yesterday"}]}]}]}""")]
    [InlineData("""{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"0123456789abcdef0123456789abcdef","spanId":"0123456789abcdef","startTimeUnixNano":"1000"}]}]}]}""")]
    [InlineData("""{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"0123456789abcdef0123456789abcdef","spanId":"0123456789abcdef","attributes":[{"key":"a","value":"plain"}]}]}]}]}""")]
    [InlineData("""{"resourceSpans":[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]}""")]
    public void Anything_that_is_not_a_trace_export_is_refused(string json)
    {
        Assert.Throws<OtlpJsonException>(() => BrowserSpans.Read(BrowserSpans.Utf8(json)));
    }

    [Fact]
    public void An_empty_export_is_no_spans()
    {
        Assert.Empty(BrowserSpans.Read(BrowserSpans.Utf8("{}")));
        Assert.Empty(BrowserSpans.Read(BrowserSpans.Utf8("""{"resourceSpans":[{"scopeSpans":[]}]}""")));
    }

    [Fact]
    public void More_spans_than_the_limit_are_refused_and_attributes_and_strings_beyond_theirs_are_cut()
    {
        var limits = new BrowserTelemetryOptions { MaxSpansPerRequest = 2, MaxAttributesPerSpan = 3, MaxAttributeLength = 10 };
        var traceId = ActivityTraceId.CreateRandom();
        var spans = Enumerable.Range(0, 3).Select(_ => BrowserSpans.Submit(traceId, "/order/new")).ToArray();
        Assert.Throws<OtlpJsonException>(() => OtlpJsonTraceReader.Read(BrowserSpans.Json(spans), limits));

        var read = Assert.Single(OtlpJsonTraceReader.Read(BrowserSpans.Json(spans[0]), limits));
        Assert.Equal(3, read.Attributes.Count);
        Assert.All(read.Attributes, attribute => Assert.True(attribute.Value is not string text || text.Length <= 10));
    }
}
