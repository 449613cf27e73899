using System.Diagnostics;
using OpenTelemetry;

namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>
/// Keeps error traces the ratio dropped, within one process: spans of an unsampled trace are held (bounded in
/// count and age) until a span of that trace ends in error; then they, and the rest of that trace's spans in
/// this process, are exported. Sampled spans pass straight through to the exporters.
/// What it cannot do: revive spans another process already dropped (an error in MES does not bring back
/// Shop.Api's part), nor spans that waited longer than the buffer allows. The production answer is tail
/// sampling in an OpenTelemetry Collector (docs/adr/0003-sampling.md).
/// It is a composite over the export processors so that the SDK hands them the provider, and so the resource.
/// </summary>
internal sealed class ErrorTraceKeeper(IEnumerable<BaseProcessor<Activity>> exporters, SamplingOptions options, TimeProvider time)
    : CompositeProcessor<Activity>(exporters)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ActivityTraceId, List<Activity>> _waiting = [];
    private readonly Queue<(ActivityTraceId TraceId, DateTimeOffset At)> _arrivals = new();
    private readonly Dictionary<ActivityTraceId, DateTimeOffset> _kept = [];
    private readonly Queue<(ActivityTraceId TraceId, DateTimeOffset At)> _keptSince = new();
    private int _waitingCount;

    public override void OnEnd(Activity data)
    {
        if (data.Recorded || !options.KeepErrorTraces)
        {
            base.OnEnd(data);
            return;
        }

        List<Activity>? release = null;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            Expire(now);
            if (_kept.ContainsKey(data.TraceId) || data.Status == ActivityStatusCode.Error)
            {
                if (_kept.TryAdd(data.TraceId, now))
                {
                    _keptSince.Enqueue((data.TraceId, now));
                }

                release = _waiting.Remove(data.TraceId, out var held) ? held : [];
                _waitingCount -= release.Count;
                release.Add(data);
            }
            else
            {
                if (!_waiting.TryGetValue(data.TraceId, out var held))
                {
                    _waiting[data.TraceId] = held = [];
                }

                held.Add(data);
                _waitingCount++;
                _arrivals.Enqueue((data.TraceId, now));
                while (_waitingCount > options.ErrorBufferMaxSpans && _arrivals.TryDequeue(out var oldest))
                {
                    Drop(oldest.TraceId);
                }
            }
        }

        foreach (var span in release ?? [])
        {
            // Marked sampled so that the export processors, which skip unsampled spans, take it.
            span.ActivityTraceFlags |= ActivityTraceFlags.Recorded;
            base.OnEnd(span);
        }
    }

    private void Expire(DateTimeOffset now)
    {
        while (_arrivals.TryPeek(out var oldest) && now - oldest.At > options.ErrorBufferMaxAge)
        {
            _arrivals.Dequeue();
            Drop(oldest.TraceId);
        }

        // Both queues are in arrival order, so expiry looks only at their heads, not at every trace held.
        while (_keptSince.TryPeek(out var oldest) && now - oldest.At > options.ErrorBufferMaxAge)
        {
            _keptSince.Dequeue();
            _kept.Remove(oldest.TraceId);
        }
    }

    private void Drop(ActivityTraceId traceId)
    {
        if (_waiting.Remove(traceId, out var held))
        {
            _waitingCount -= held.Count;
        }
    }
}
