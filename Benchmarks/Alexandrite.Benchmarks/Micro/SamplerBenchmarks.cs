using System.Diagnostics;
using Alexandrite.ServiceDefaults.Telemetry;
using BenchmarkDotNet.Attributes;
using OpenTelemetry.Trace;

namespace Alexandrite.Benchmarks.Micro;

/// <summary>
/// <see cref="OrderSampler"/>.ShouldSample, which runs for every span every service starts: a new trace decided by
/// ratio, the same with forced operations to compare against, and a span inside a trace that follows its parent.
/// </summary>
[MemoryDiagnoser]
public class SamplerBenchmarks
{
    private static readonly string[] ForcedOperations = ["PlaceOrder", "POST /order/new", "POST /diagnostics/"];

    // Trace ids made once: the benchmark times the decision, not the random number generator.
    private readonly ActivityTraceId[] _traceIds = Enumerable.Range(0, 1024).Select(_ => ActivityTraceId.CreateRandom()).ToArray();
    private readonly KeyValuePair<string, object?>[] _requestTags =
    [
        new("http.request.method", "POST"),
        new("url.path", "/api/orders"),
        new("url.scheme", "http"),
    ];

    private readonly OrderSampler _ratioOnly = new(0.1, []);
    private readonly OrderSampler _withForced = new(0.1, ForcedOperations);
    private ActivityContext _sampledParent;
    private int _next;

    [GlobalSetup]
    public void Setup() =>
        _sampledParent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);

    [Benchmark(Baseline = true, Description = "new trace, by ratio")]
    public SamplingDecision NewTrace() =>
        _ratioOnly.ShouldSample(new SamplingParameters(default, NextTraceId(), "POST /api/orders", ActivityKind.Server, _requestTags)).Decision;

    [Benchmark(Description = "new trace, 3 forced operations checked")]
    public SamplingDecision NewTraceWithForcedOperations() =>
        _withForced.ShouldSample(new SamplingParameters(default, NextTraceId(), "POST /api/orders", ActivityKind.Server, _requestTags)).Decision;

    [Benchmark(Description = "span in a sampled trace")]
    public SamplingDecision ChildOfSampledParent() =>
        _withForced.ShouldSample(new SamplingParameters(_sampledParent, _sampledParent.TraceId, "INSERT shopdb.orders", ActivityKind.Client)).Decision;

    private ActivityTraceId NextTraceId() => _traceIds[_next++ & (_traceIds.Length - 1)];
}
