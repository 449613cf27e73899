extern alias ShopWeb;

using System.Diagnostics;
using Alexandrite.ServiceDefaults.Telemetry;
using Alexandrite.UnitTests.ServiceDefaults;
using OpenTelemetry;
using OpenTelemetry.Trace;
using RelayedSpanIds = ShopWeb::Alexandrite.Shop.Web.Telemetry.RelayedSpanIds;

namespace Alexandrite.UnitTests.ShopWeb;

/// <summary>
/// The relay writes the browser's span id into Activity's private fields (System.Diagnostics.Activity has no public
/// way to set it): these fail the day a runtime renames them or starts reading the id in a way that bypasses them.
/// </summary>
[Collection(ServiceDefaultsHostCollection.Name)]
public sealed class RelayedSpanIdsTests
{
    private static readonly ActivitySource Source = new("Alexandrite.UnitTests.RelayedSpanIds");

    [Fact]
    public void A_relayed_root_and_child_keep_the_browser_s_trace_id_span_ids_and_parent_through_export()
    {
        var exported = new List<Activity>();
        using var provider = Sdk.CreateTracerProviderBuilder().AddSource(Source.Name).SetSampler(new AlwaysOnSampler()).AddProcessor(new BrowserSpans.Exported(exported)).Build();
        var traceId = ActivityTraceId.CreateRandom();
        var rootId = ActivitySpanId.CreateRandom();
        var childId = ActivitySpanId.CreateRandom();

        using (var outer = Source.StartActivity("the relay's own request"))
        {
            using var root = RelayedSpanIds.Start(Source, "submit", ActivityKind.Internal, default, [], DateTimeOffset.UtcNow, traceId, rootId)!;
            using var child = RelayedSpanIds.Start(Source, "POST", ActivityKind.Client, new(traceId, rootId, ActivityTraceFlags.Recorded, isRemote: true), [], DateTimeOffset.UtcNow, traceId, childId)!;
            Assert.Same(outer, Activity.Current); // The relay's own context is left as it was.

            Assert.Equal((traceId, rootId, default(ActivitySpanId)), (root.TraceId, root.SpanId, root.ParentSpanId));
            Assert.Equal((traceId, childId, rootId), (child.TraceId, child.SpanId, child.ParentSpanId));
            Assert.Equal($"00-{traceId}-{rootId}-01", root.Id);
            Assert.Equal($"00-{traceId}-{childId}-01", child.Id);
            Assert.Equal(rootId, root.Context.SpanId);
        }

        provider.ForceFlush();
        Assert.Contains(exported, span => span.SpanId == rootId && span.TraceId == traceId && span.ParentSpanId == default);
        Assert.Contains(exported, span => span.SpanId == childId && span.ParentSpanId == rootId);
    }

    [Fact]
    public void The_sampler_decides_a_relayed_root_on_the_browser_s_trace_id()
    {
        var seen = new List<ActivityTraceId>();
        using var provider = Sdk.CreateTracerProviderBuilder().AddSource(Source.Name).SetSampler(new Recording(seen)).Build();
        var traceId = ActivityTraceId.CreateRandom();

        using var root = RelayedSpanIds.Start(Source, "click", ActivityKind.Internal, default, [], DateTimeOffset.UtcNow, traceId, ActivitySpanId.CreateRandom());

        Assert.Equal([traceId], seen);
        using var other = Source.StartActivity("not relayed");
        Assert.NotEqual(traceId, other!.TraceId); // Other activities still get ids of their own.
    }

    private sealed class Recording(List<ActivityTraceId> seen) : Sampler
    {
        public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
        {
            if (samplingParameters.Name == "click")
            {
                seen.Add(samplingParameters.TraceId);
            }

            return new SamplingResult(SamplingDecision.RecordAndSample);
        }
    }
}
