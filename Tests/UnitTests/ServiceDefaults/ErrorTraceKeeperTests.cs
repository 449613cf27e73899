using System.Diagnostics;
using Alexandrite.ServiceDefaults.Telemetry;
using OpenTelemetry;

namespace Alexandrite.UnitTests.ServiceDefaults;

public sealed class ErrorTraceKeeperTests : IDisposable
{
    private readonly Exported _exported = new();
    private readonly ManualTime _time = new();

    public void Dispose() => _exported.Dispose();

    private ErrorTraceKeeper Keeper(int maxSpans = 100, double maxAgeSeconds = 30) =>
        new([_exported], new SamplingOptions { ErrorBufferMaxSpans = maxSpans, ErrorBufferMaxAge = TimeSpan.FromSeconds(maxAgeSeconds) }, _time);

    [Fact]
    public void Sampled_spans_pass_straight_through()
    {
        using var keeper = Keeper();
        keeper.OnEnd(Span(ActivityTraceId.CreateRandom(), sampled: true));
        Assert.Single(_exported.Spans);
    }

    [Fact]
    public void An_unsampled_trace_is_exported_when_one_of_its_spans_ends_in_error_and_not_otherwise()
    {
        using var keeper = Keeper();
        var failing = ActivityTraceId.CreateRandom();
        var quiet = ActivityTraceId.CreateRandom();
        keeper.OnEnd(Span(failing));
        keeper.OnEnd(Span(quiet));
        keeper.OnEnd(Span(failing));
        Assert.Empty(_exported.Spans);

        keeper.OnEnd(Span(failing, error: true));
        Assert.Equal(3, _exported.Spans.Count);
        Assert.All(_exported.Spans, span => Assert.Equal(failing, span.TraceId));
        Assert.All(_exported.Spans, span => Assert.True(span.Recorded));

        keeper.OnEnd(Span(failing));
        Assert.Equal(4, _exported.Spans.Count);
        keeper.OnEnd(Span(quiet));
        Assert.Equal(4, _exported.Spans.Count);
    }

    [Fact]
    public void The_buffer_is_bounded_in_spans()
    {
        using var keeper = Keeper(maxSpans: 3);
        var old = ActivityTraceId.CreateRandom();
        keeper.OnEnd(Span(old));
        for (var i = 0; i < 3; i++)
        {
            keeper.OnEnd(Span(ActivityTraceId.CreateRandom()));
        }

        keeper.OnEnd(Span(old, error: true));
        Assert.Single(_exported.Spans); // the earlier span of that trace was evicted; only the error span remains
    }

    [Fact]
    public void The_buffer_is_bounded_in_time()
    {
        using var keeper = Keeper(maxAgeSeconds: 30);
        var trace = ActivityTraceId.CreateRandom();
        keeper.OnEnd(Span(trace));
        _time.Advance(TimeSpan.FromSeconds(31));
        keeper.OnEnd(Span(trace, error: true));
        Assert.Single(_exported.Spans);
    }

    [Fact]
    public void A_kept_trace_is_forgotten_after_the_buffer_age()
    {
        using var keeper = Keeper(maxAgeSeconds: 30);
        var trace = ActivityTraceId.CreateRandom();
        keeper.OnEnd(Span(trace, error: true));
        _time.Advance(TimeSpan.FromSeconds(10));
        keeper.OnEnd(Span(trace));
        Assert.Equal(2, _exported.Spans.Count);

        _time.Advance(TimeSpan.FromSeconds(31));
        keeper.OnEnd(Span(ActivityTraceId.CreateRandom()));
        keeper.OnEnd(Span(trace));
        Assert.Equal(2, _exported.Spans.Count); // held again, waiting for a new error
    }

    private static Activity Span(ActivityTraceId traceId, bool sampled = false, bool error = false)
    {
        var activity = new Activity("span");
        activity.SetParentId(traceId, ActivitySpanId.CreateRandom(), sampled ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None);
        activity.Start();
        if (error)
        {
            activity.SetStatus(ActivityStatusCode.Error, "failed");
        }

        activity.Stop();
        return activity;
    }

    private sealed class Exported : BaseProcessor<Activity>
    {
        public List<Activity> Spans { get; } = [];

        public override void OnEnd(Activity data) => Spans.Add(data);
    }

    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UnixEpoch;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
