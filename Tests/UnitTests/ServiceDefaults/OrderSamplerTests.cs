using System.Diagnostics;
using Alexandrite.ServiceDefaults.Telemetry;
using OpenTelemetry.Trace;

namespace Alexandrite.UnitTests.ServiceDefaults;

public sealed class OrderSamplerTests
{
    private static SamplingDecision Decide(OrderSampler sampler, ActivityContext parent = default, string name = "span", IEnumerable<KeyValuePair<string, object?>>? tags = null) =>
        sampler.ShouldSample(new SamplingParameters(parent, ActivityTraceId.CreateRandom(), name, ActivityKind.Internal, tags)).Decision;

    private static ActivityContext Parent(bool sampled, bool isRemote = true) =>
        new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), sampled ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None, isRemote: isRemote);

    [Fact]
    public void Without_error_keeping_only_the_local_root_of_an_unsampled_trace_is_recorded()
    {
        var sampler = new OrderSampler(0, [], keepErrorTraces: false);
        Assert.Equal(SamplingDecision.RecordOnly, Decide(sampler));
        Assert.Equal(SamplingDecision.RecordOnly, Decide(sampler, Parent(sampled: false)));
        Assert.Equal(SamplingDecision.Drop, Decide(sampler, Parent(sampled: false, isRemote: false)));
        Assert.Equal(SamplingDecision.RecordAndSample, Decide(sampler, Parent(sampled: true, isRemote: false)));
        Assert.Equal(SamplingDecision.RecordOnly, Decide(new OrderSampler(0, []), Parent(sampled: false, isRemote: false)));
    }

    [Fact]
    public void A_span_inside_a_trace_follows_its_parent_whatever_the_ratio()
    {
        Assert.Equal(SamplingDecision.RecordAndSample, Decide(new OrderSampler(0, []), Parent(sampled: true)));
        Assert.Equal(SamplingDecision.RecordOnly, Decide(new OrderSampler(1, []), Parent(sampled: false)));
    }

    [Fact]
    public void New_traces_are_kept_by_ratio_and_the_rest_are_recorded_only()
    {
        Assert.Equal(SamplingDecision.RecordAndSample, Decide(new OrderSampler(1, [])));
        Assert.Equal(SamplingDecision.RecordOnly, Decide(new OrderSampler(0, [])));

        var sampler = new OrderSampler(0.25, []);
        var kept = Enumerable.Range(0, 4000).Count(_ => Decide(sampler) == SamplingDecision.RecordAndSample);
        Assert.InRange(kept, 880, 1120); // mean 1000, sd 27: more than four sd either side
    }

    [Fact]
    public void Forced_operations_start_kept_traces_by_span_name_or_by_request()
    {
        var sampler = new OrderSampler(0, ["PlaceOrder", "POST /order/new"]);
        Assert.Equal(SamplingDecision.RecordAndSample, Decide(sampler, name: "PlaceOrder"));
        Assert.Equal(SamplingDecision.RecordAndSample, Decide(sampler, name: "Microsoft.AspNetCore.Hosting.HttpRequestIn",
            tags: [new("http.request.method", "POST"), new("url.path", "/order/new")]));
        Assert.Equal(SamplingDecision.RecordOnly, Decide(sampler, name: "Microsoft.AspNetCore.Hosting.HttpRequestIn",
            tags: [new("http.request.method", "GET"), new("url.path", "/order/new")]));
        Assert.Equal(SamplingDecision.RecordOnly, Decide(sampler, Parent(sampled: false), name: "PlaceOrder"));
    }
}
