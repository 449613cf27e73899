using System.Diagnostics;
using Alexandrite.ServiceDefaults.Telemetry;
using Alexandrite.UnitTests.ServiceDefaults;
using OpenTelemetry.Trace;

namespace Alexandrite.UnitTests.ShopWeb;

/// <summary>
/// The page's spans through Shop.Web's relay and the services' pipeline: named by route, in the browser's trace
/// with its ids and parents, scrubbed, and sampled by the services' rule, not by what the page claims.
/// Alone: the pipeline listens to Alexandrite.Browser, which other tests' hosts listen to as well.
/// </summary>
[Collection(ServiceDefaultsHostCollection.Name)]
public sealed class BrowserSpanRelayTests
{
    private const string OrderId = "0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b";

    [Fact]
    public void A_click_and_its_request_are_relayed_with_the_browser_s_ids_named_by_route_with_order_id()
    {
        var exported = new List<Activity>();
        var (relay, provider) = BrowserSpans.Pipeline(exported, ratio: 1);
        using (provider)
        {
            var submit = BrowserSpans.Submit(ActivityTraceId.CreateRandom(), $"/orders/{OrderId}/submit", OrderId);
            var fetch = BrowserSpans.Fetch(submit, $"http://shop.test/orders/{OrderId}/submit", status: 500) with { Error = true };

            Assert.Equal(0, relay.Relay(BrowserSpans.Read(BrowserSpans.Json(fetch, submit))));
            provider.ForceFlush();

            var click = Assert.Single(exported, span => span.SpanId == submit.SpanId);
            Assert.Equal((AlexandriteTelemetry.Browser.Name, "submit /orders/{id:guid}/submit", ActivityKind.Internal, submit.TraceId, default(ActivitySpanId)),
                (click.Source.Name, click.DisplayName, click.Kind, click.TraceId, click.ParentSpanId));
            Assert.Equal(OrderId, click.GetTagItem("order.id"));
            Assert.Equal(OrderId, exported.Single(span => span.SpanId == fetch.SpanId).GetTagItem("order.id")); // The page left it out: its parent's.
            var request = Assert.Single(exported, span => span.SpanId == fetch.SpanId);
            Assert.Equal(("POST /orders/{id:guid}/submit", ActivityKind.Client, submit.TraceId, submit.SpanId, ActivityStatusCode.Error),
                (request.DisplayName, request.Kind, request.TraceId, request.ParentSpanId, request.Status));
            Assert.Equal(500L, request.GetTagItem("http.response.status_code"));
            Assert.Equal(TimeSpan.FromMilliseconds(250), request.Duration);
            Assert.Equal("fetchStart", Assert.Single(request.Events).Name);
        }
    }

    [Fact]
    public void What_the_browser_sends_is_scrubbed_like_every_other_span()
    {
        var exported = new List<Activity>();
        var (relay, provider) = BrowserSpans.Pipeline(exported, ratio: 1);
        using (provider)
        {
            var submit = BrowserSpans.Submit(ActivityTraceId.CreateRandom(), "/order/new", page: "http://shop.test/order/new?email=ada@example.com&name=cnry42");
            submit.Attributes["customer.email"] = "ada@example.com";
            submit.Attributes["note"] = "call +44 20 7946 0000";
            submit.Attributes["order.id"] = "cnry42, not an order's id";
            var fetch = BrowserSpans.Fetch(submit, "http://shop.test/order/new?phone=%2B442079460000&name=cnry42");

            relay.Relay(BrowserSpans.Read(BrowserSpans.Json(submit, fetch)));
            provider.ForceFlush();

            Assert.Equal(2, exported.Count);
            var strings = exported.SelectMany(span => span.TagObjects.Select(tag => $"{tag.Key}={tag.Value}").Append(span.DisplayName)).ToList();
            Assert.DoesNotContain(strings, text => text.Contains("cnry42", StringComparison.Ordinal) || text.Contains("ada@", StringComparison.Ordinal) || text.Contains("7946", StringComparison.Ordinal));
            Assert.Contains("url.full=http://shop.test/order/new", strings);
            Assert.DoesNotContain(strings, text => text.StartsWith("target_xpath=", StringComparison.Ordinal) || text.StartsWith("note=", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_browser_cannot_force_sampling_against_the_ratio_but_forced_operations_apply_to_its_clicks()
    {
        var exported = new List<Activity>();
        var (relay, provider) = BrowserSpans.Pipeline(exported, ratio: 0, "POST /orders/");
        using (provider)
        {
            // The page claims these are sampled (it only ever sends sampled spans): a root of a new trace, and a
            // child whose root never comes. The ratio (0) says no to both.
            var root = BrowserSpans.Submit(ActivityTraceId.CreateRandom(), "/order/new");
            var orphan = BrowserSpans.Fetch(BrowserSpans.Submit(ActivityTraceId.CreateRandom(), "/order/new"), "http://shop.test/order/new");
            var underRoot = BrowserSpans.Fetch(root, "http://shop.test/order/new");
            // A click on a form whose request is a forced operation is kept, and so is the request under it.
            var forced = BrowserSpans.Submit(ActivityTraceId.CreateRandom(), $"/orders/{OrderId}/submit");
            var underForced = BrowserSpans.Fetch(forced, $"http://shop.test/orders/{OrderId}/submit");

            Assert.Equal(0, relay.Relay(BrowserSpans.Read(BrowserSpans.Json(underRoot, root, orphan, underForced, forced))));
            provider.ForceFlush();

            Assert.Equal(new HashSet<ActivitySpanId> { forced.SpanId, underForced.SpanId }, exported.Select(span => span.SpanId).ToHashSet());
        }
    }

    [Fact]
    public void Spans_of_other_instrumentations_are_refused()
    {
        var exported = new List<Activity>();
        var (relay, provider) = BrowserSpans.Pipeline(exported, ratio: 1);
        using (provider)
        {
            var invented = BrowserSpans.Submit(ActivityTraceId.CreateRandom(), "/order/new") with { Scope = "my-own-tracer", Name = "anything I like" };
            var unknownEvent = BrowserSpans.Submit(ActivityTraceId.CreateRandom(), "/order/new");
            unknownEvent.Attributes["event_type"] = "mousemove";

            Assert.Equal(2, relay.Relay(BrowserSpans.Read(BrowserSpans.Json(invented, unknownEvent))));
            provider.ForceFlush();
            Assert.Empty(exported);
        }
    }
}
