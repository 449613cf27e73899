using System.Diagnostics;
using OpenTelemetry;

namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>
/// Keeps error traces the ratio dropped, within one process (docs/adr/0003-sampling.md): the spans of an unsampled trace
/// are held on their local root (the span that began this process's part of the work: a request's server span, a
/// message's consumer span) while it runs; when it ends, the whole of that work is exported if any of its spans ended in
/// error, and dropped otherwise. A trace found in error is then followed for <see cref="SamplingOptions.ErrorTraceKeptFor"/>:
/// its later spans in this process (a retry, the failure's event) are exported as they end. Sampled spans pass straight
/// through to the exporters.
/// <para>
/// Why held by the local root and not by the trace for a while: a span lives as long as the work it describes, so a
/// request's spans are dropped when the request ends, young, as the garbage collector prefers. Holding every unsampled
/// span for seconds, in case a later request of the same trace failed, made them outlive the youngest collections, and
/// at 10% sampling that cost Shop.Api more CPU than exporting every span (the benchmark's cost comparison).
/// </para>
/// What it cannot do: revive spans another process already dropped (an error in MES does not bring back Shop.Api's part),
/// nor this process's earlier work for the same trace that ended without error. The production answer is tail sampling
/// in an OpenTelemetry Collector. It is a composite over the export processors so that the SDK hands them the provider,
/// and so the resource.
/// </summary>
internal sealed class ErrorTraceKeeper(IEnumerable<BaseProcessor<Activity>> exporters, SamplingOptions options, TimeProvider time)
    : CompositeProcessor<Activity>(exporters)
{
    /// <summary>The custom property of a local root that holds its ended descendants.</summary>
    private const string HeldProperty = "alexandrite.error_keeper.held";

    private readonly Lock _gate = new();
    private readonly Dictionary<ActivityTraceId, DateTimeOffset> _kept = [];
    private readonly Queue<(ActivityTraceId TraceId, DateTimeOffset At)> _keptSince = new();

    public override void OnEnd(Activity data)
    {
        if (data.Recorded)
        {
            base.OnEnd(data);
            return;
        }

        if (!options.KeepErrorTraces)
        {
            return;
        }

        var root = LocalRootOf(data);
        List<Activity> release;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            ForgetExpired(now);
            var failed = data.Status == ActivityStatusCode.Error;
            if (!ReferenceEquals(root, data) && !_kept.ContainsKey(data.TraceId) && Hold(root, data, failed))
            {
                return;
            }

            // The local root itself, a span that outlived its root, or a span of a trace already kept.
            var held = ReferenceEquals(root, data) ? Take(root) : null;
            if (!failed && held?.Failed != true && !_kept.ContainsKey(data.TraceId))
            {
                return;
            }

            if (_kept.TryAdd(data.TraceId, now))
            {
                _keptSince.Enqueue((data.TraceId, now));
            }

            release = held?.Spans ?? [];
            release.Add(data);
        }

        foreach (var span in release)
        {
            // Marked sampled so that the export processors, which skip unsampled spans, take it.
            span.ActivityTraceFlags |= ActivityTraceFlags.Recorded;
            base.OnEnd(span);
        }
    }

    /// <summary>The span this process's part of the trace began with: the first ancestor without a parent in this process.</summary>
    private static Activity LocalRootOf(Activity span)
    {
        var root = span;
        while (root.Parent is { } parent)
        {
            root = parent;
        }

        return root;
    }

    /// <summary>Holds an ended span on its running root; false when the root has ended already, and so cannot be waited for.</summary>
    private bool Hold(Activity root, Activity span, bool failed)
    {
        if (root.IsStopped)
        {
            return false;
        }

        if (root.GetCustomProperty(HeldProperty) is not Held held)
        {
            root.SetCustomProperty(HeldProperty, held = new Held());
        }

        held.Failed |= failed;
        if (held.Spans.Count < options.ErrorBufferMaxSpans)
        {
            held.Spans.Add(span);
        }

        return true;
    }

    private static Held? Take(Activity root)
    {
        var held = root.GetCustomProperty(HeldProperty) as Held;
        root.SetCustomProperty(HeldProperty, null);
        return held;
    }

    /// <summary>The kept traces are in the order they were kept, so expiry looks only at the head.</summary>
    private void ForgetExpired(DateTimeOffset now)
    {
        while (_keptSince.TryPeek(out var oldest) && now - oldest.At > options.ErrorTraceKeptFor)
        {
            _keptSince.Dequeue();
            _kept.Remove(oldest.TraceId);
        }
    }

    /// <summary>What a running local root holds: its descendants that have ended, and whether any of them failed.</summary>
    private sealed class Held
    {
        public List<Activity> Spans { get; } = [];

        public bool Failed { get; set; }
    }
}
