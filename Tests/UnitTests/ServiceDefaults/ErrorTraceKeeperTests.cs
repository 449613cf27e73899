using System.Diagnostics;
using Alexandrite.ServiceDefaults.Telemetry;
using OpenTelemetry;

namespace Alexandrite.UnitTests.ServiceDefaults;

public sealed class ErrorTraceKeeperTests : IDisposable
{
    private readonly Exported _exported = new();
    private readonly ManualTime _time = new();

    public void Dispose() => _exported.Dispose();

    private ErrorTraceKeeper Keeper(int maxSpans = 100, double keptForSeconds = 30, bool keep = true) =>
        new([_exported], new SamplingOptions { KeepErrorTraces = keep, ErrorBufferMaxSpans = maxSpans, ErrorTraceKeptFor = TimeSpan.FromSeconds(keptForSeconds) }, _time);

    [Fact]
    public void Sampled_spans_pass_straight_through()
    {
        using var keeper = Keeper();
        var root = Root(ActivityTraceId.CreateRandom(), sampled: true);
        End(keeper, Child());
        End(keeper, root);
        Assert.Equal(2, _exported.Spans.Count);
    }

    [Fact]
    public void An_unsampled_request_is_exported_whole_when_one_of_its_spans_fails_and_dropped_otherwise()
    {
        using var keeper = Keeper();
        var quiet = Root(ActivityTraceId.CreateRandom());
        End(keeper, Child());
        End(keeper, Child());
        End(keeper, quiet);
        Assert.Empty(_exported.Spans);

        var failing = Root(ActivityTraceId.CreateRandom());
        var outer = Child();
        var inner = Child(error: true);
        End(keeper, inner);
        End(keeper, outer);
        Assert.Empty(_exported.Spans); // held until the request's own span ends
        End(keeper, failing);

        Assert.Equal([inner, outer, failing], _exported.Spans);
        Assert.All(_exported.Spans, span => Assert.True(span.Recorded));
    }

    [Fact]
    public void A_request_whose_own_span_fails_is_exported_with_what_ran_under_it()
    {
        using var keeper = Keeper();
        var root = Root(ActivityTraceId.CreateRandom());
        var child = Child();
        End(keeper, child);
        End(keeper, root, error: true);
        Assert.Equal([child, root], _exported.Spans);
    }

    [Fact]
    public void A_trace_found_in_error_has_its_later_spans_exported_for_a_while()
    {
        using var keeper = Keeper(keptForSeconds: 30);
        var trace = ActivityTraceId.CreateRandom();
        End(keeper, Root(trace), error: true);
        _time.Advance(TimeSpan.FromSeconds(10));
        var later = Root(trace);
        End(keeper, Child());
        Assert.Equal(2, _exported.Spans.Count); // exported as it ends, not held
        End(keeper, later);
        Assert.Equal(3, _exported.Spans.Count);

        _time.Advance(TimeSpan.FromSeconds(31));
        End(keeper, Root(trace));
        Assert.Equal(3, _exported.Spans.Count); // forgotten: a quiet request of it is dropped again
    }

    [Fact]
    public void Earlier_work_of_the_trace_that_ended_without_error_is_not_revived()
    {
        using var keeper = Keeper();
        var trace = ActivityTraceId.CreateRandom();
        End(keeper, Root(trace));
        var failing = Root(trace);
        End(keeper, failing, error: true);
        Assert.Equal([failing], _exported.Spans);
    }

    [Fact]
    public void The_spans_held_for_one_request_are_bounded()
    {
        using var keeper = Keeper(maxSpans: 2);
        var root = Root(ActivityTraceId.CreateRandom());
        var first = Child();
        End(keeper, first);
        var second = Child();
        End(keeper, second);
        End(keeper, Child());
        End(keeper, Child(error: true)); // beyond the bound: not held, but the request still counts as failed
        End(keeper, root);
        Assert.Equal([first, second, root], _exported.Spans);
    }

    [Fact]
    public void A_span_that_outlives_its_request_is_exported_only_if_it_fails()
    {
        using var keeper = Keeper();
        var root = Root(ActivityTraceId.CreateRandom());
        var quiet = new Activity("late").Start();
        var failing = new Activity("late").Start();
        Activity.Current = root;
        End(keeper, root);
        End(keeper, quiet);
        Assert.Empty(_exported.Spans);

        End(keeper, failing, error: true);
        Assert.Equal([failing], _exported.Spans);
    }

    [Fact]
    public void Without_error_keeping_unsampled_spans_go_nowhere()
    {
        using var keeper = Keeper(keep: false);
        var root = Root(ActivityTraceId.CreateRandom());
        End(keeper, Child(error: true));
        End(keeper, root, error: true);
        Assert.Empty(_exported.Spans);
    }

    /// <summary>A local root, as a request's server span is: its parent is in another process, sampled or not.</summary>
    private static Activity Root(ActivityTraceId traceId, bool sampled = false)
    {
        Activity.Current = null;
        var activity = new Activity("root");
        activity.SetParentId(traceId, ActivitySpanId.CreateRandom(), sampled ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None);
        return activity.Start();
    }

    /// <summary>A span under the current one, in this process.</summary>
    private static Activity Child(bool error = false)
    {
        var activity = new Activity("child").Start();
        if (error)
        {
            activity.SetStatus(ActivityStatusCode.Error, "failed");
        }

        return activity;
    }

    private static void End(ErrorTraceKeeper keeper, Activity span, bool error = false)
    {
        if (error)
        {
            span.SetStatus(ActivityStatusCode.Error, "failed");
        }

        span.Stop();
        keeper.OnEnd(span);
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
