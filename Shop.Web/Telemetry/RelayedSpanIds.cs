using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Alexandrite.Shop.Web.Telemetry;

/// <summary>
/// Starts an Activity that keeps the trace id and span id the browser gave its span, so that the server spans the
/// browser's requests started (children of its span through traceparent) keep their parent.
/// <para>
/// Why this code and not a package or a public API: <see cref="Activity"/> takes a trace id and a parent from outside
/// (<see cref="Activity.TraceIdGenerator"/> for a root, an <see cref="ActivityContext"/> for a child), but never its own
/// span id: Start always draws one. dotnet/runtime#46704 added the trace id generator and left span ids out; no
/// OpenTelemetry .NET package relays spans recorded elsewhere (that is a collector's job, which the page must not
/// need). The alternatives were worse: exporting the browser's spans beside the SDK (they would bypass the sampler,
/// the scrubber and the error keeper), a span per browser span under a new id (the server spans would be orphans),
/// or reflection by name at each call. So the id is written into Activity's own fields through
/// <see cref="UnsafeAccessorAttribute"/> (.NET 8+: checked when first called, no reflection at run time), right after
/// Start and before anything reads it (the pipeline's processors act when the span ends). If a runtime renames the
/// fields, the first call throws MissingFieldException, and RelayedSpanIdsTests fails.
/// </para>
/// </summary>
internal static class RelayedSpanIds
{
    /// <summary>The trace id the next root started on this thread must have (the sampler sees it, so decides on it).</summary>
    [ThreadStatic]
    private static ActivityTraceId? t_rootTraceId;

    static RelayedSpanIds()
    {
        // Installed once, before the first relayed root; every other activity still gets a random id (or the previous
        // generator's).
        var previous = Activity.TraceIdGenerator;
        Activity.TraceIdGenerator = () => t_rootTraceId ?? previous?.Invoke() ?? ActivityTraceId.CreateRandom();
    }

    /// <summary>
    /// Starts an activity of <paramref name="source"/> (sampler and listeners apply as to any other) with the given
    /// ids: a root when <paramref name="parent"/> is default, otherwise a child of that (remote) context. Null when
    /// nobody listens.
    /// </summary>
    public static Activity? Start(
        ActivitySource source,
        string name,
        ActivityKind kind,
        ActivityContext parent,
        IEnumerable<KeyValuePair<string, object?>> tags,
        DateTimeOffset startTime,
        ActivityTraceId traceId,
        ActivitySpanId spanId)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (parent != default && parent.TraceId != traceId)
        {
            throw new ArgumentException("A span's parent is in its own trace.", nameof(parent));
        }

        // A default parent makes Activity.Current the parent: a relayed root must not hang under the relay's request.
        var current = Activity.Current;
        Activity.Current = null;
        Activity? activity;
        t_rootTraceId = parent == default ? traceId : null;
        try
        {
            activity = source.StartActivity(name, kind, parent, tags, startTime: startTime);
        }
        finally
        {
            t_rootTraceId = null;
            Activity.Current = current;
        }

        if (activity is null)
        {
            return null;
        }

        var drawn = activity.SpanId.ToHexString();
        var wanted = spanId.ToHexString();
        SpanIdField(activity) = wanted;
        if (IdField(activity) is { } id)
        {
            IdField(activity) = id.Replace(drawn, wanted, StringComparison.Ordinal);
        }

        return activity;
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_spanId")]
    private static extern ref string? SpanIdField(Activity activity);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_id")]
    private static extern ref string? IdField(Activity activity);
}
