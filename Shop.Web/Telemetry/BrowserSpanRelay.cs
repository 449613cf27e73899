using System.Diagnostics;
using Alexandrite.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;

namespace Alexandrite.Shop.Web.Telemetry;

/// <summary>
/// Turns the spans the page's OpenTelemetry JS SDK exported (Client/telemetry.js) into Activities of
/// <see cref="AlexandriteTelemetry.Browser"/>, with the browser's trace id, span id, parent, times, attributes,
/// events and status, so the sampler, the span processors (order.id, scrubber, error keeper) and the exporters
/// handle them exactly as every other span of Shop.Web: nothing the browser sends reaches a destination unscrubbed,
/// and no collector has to be reachable from the browser.
/// <para>
/// Sampling is decided here, not taken from the browser: a root (the user's click) goes through the registered
/// sampler as any new trace does (ratio on the trace id, or a forced operation), and a span under it follows that
/// decision (or, when its root came in another request, the ratio on its trace id). The page applies the same rule
/// (Client/sampling.js, the .NET TraceIdRatioBasedSampler's algorithm), so the two agree; a page that claims its
/// trace is sampled against the ratio gets it recorded only (the error keeper may still export it).
/// </para>
/// </summary>
internal sealed class BrowserSpanRelay(PostRoutes routes, IOptions<TelemetryOptions> telemetry, IHostEnvironment environment)
{
    /// <summary>The instrumentation scopes of the page's SDK whose spans are relayed; anything else is refused.</summary>
    public const string UserInteractionScope = "@opentelemetry/instrumentation-user-interaction";

    public const string FetchScope = "@opentelemetry/instrumentation-fetch";

    public const string XmlHttpRequestScope = "@opentelemetry/instrumentation-xml-http-request";

    private static readonly HashSet<string> Events = new(StringComparer.Ordinal) { "click", "submit" };

    private static readonly HashSet<string> Methods = new(StringComparer.Ordinal) { "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS" };

    private readonly TraceIdRatioBasedSampler _ratio = new(telemetry.Value.Sampling.ResolveRatio(environment.IsDevelopment()));

    /// <summary>Relays <paramref name="spans"/>; returns how many were refused (not from the page's instrumentations).</summary>
    public int Relay(IReadOnlyList<BrowserSpan> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        var sampled = new Dictionary<ActivityTraceId, bool>();
        var orders = new Dictionary<ActivitySpanId, object>();
        var rejected = 0;
        var relayed = 0;
        foreach (var span in ParentsFirst(spans))
        {
            relayed++;
            if (Describe(span) is not { } description)
            {
                rejected++;
                continue;
            }

            // A root is sampled as any new trace (the sampler sees the page's own name, method and path, as the page's
            // sampler did); a child follows its trace's decision, whatever flags the page claims.
            ActivityContext parent = default;
            if (span.ParentSpanId is { } parentSpanId)
            {
                var keep = sampled.TryGetValue(span.TraceId, out var decided) ? decided : KeptByRatio(span.TraceId);
                parent = new ActivityContext(span.TraceId, parentSpanId, keep ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None, isRemote: true);
            }

            var activity = RelayedSpanIds.Start(AlexandriteTelemetry.Browser, span.Name, description.Kind, parent, description.SamplingTags, span.Start, span.TraceId, span.SpanId);
            if (activity is null)
            {
                continue;
            }

            if (span.ParentSpanId is null)
            {
                sampled[span.TraceId] = activity.Recorded;
            }

            // order.id as the page sets it (an order's id, nothing else: it is allow-listed), or its parent's (relayed
            // just before it) when the page left it out.
            var orderId = span.Attribute(SemanticAttributes.OrderId) is string own && Guid.TryParse(own, out _) ? own
                : span.ParentSpanId is { } parentId && orders.TryGetValue(parentId, out var inherited) ? inherited : null;
            if (orderId is not null)
            {
                orders[span.SpanId] = orderId;
            }

            Complete(activity, span, description, orderId);
        }

        // Spans whose parents form a loop never come out of ParentsFirst: refused too.
        return rejected + spans.Count - relayed;
    }

    private bool KeptByRatio(ActivityTraceId traceId) =>
        _ratio.ShouldSample(new SamplingParameters(default, traceId, "", ActivityKind.Internal)).Decision == SamplingDecision.RecordAndSample;

    /// <summary>Name, kind and the attributes the sampler sees, by the instrumentation that made the span; null for any other.</summary>
    private Description? Describe(BrowserSpan span)
    {
        var method = span.Attribute("http.request.method") as string;
        var route = method == "POST" && span.Attribute("url.path") is string path ? routes.TemplateOf(path) : null;
        switch (span.Scope)
        {
            case UserInteractionScope when span.Attribute("event_type") is string eventType && Events.Contains(eventType):
                return new(SpanNames.BrowserInteraction(eventType, route), ActivityKind.Internal, SamplingTags(method, span.Attribute("url.path") as string));
            case FetchScope or XmlHttpRequestScope:
                var url = span.Attribute("url.full") is string full && Uri.TryCreate(full, UriKind.Absolute, out var parsed) ? parsed : null;
                route = method == "POST" && url is not null ? routes.TemplateOf(url.AbsolutePath) : null;
                return new(SpanNames.BrowserRequest(method is not null && Methods.Contains(method) ? method : "_OTHER", route), ActivityKind.Client, SamplingTags(method, url?.AbsolutePath));
            default:
                return null;
        }
    }

    private static KeyValuePair<string, object?>[] SamplingTags(string? method, string? path) =>
        method is null || path is null ? [] : [new("http.request.method", method), new("url.path", path)];

    private static void Complete(Activity activity, BrowserSpan span, Description description, object? orderId)
    {
        activity.DisplayName = description.Name;
        foreach (var (key, value) in span.Attributes)
        {
            activity.SetTag(key, value);
        }

        activity.SetTag(SemanticAttributes.OrderId, orderId);

        if (description.Kind == ActivityKind.Client && span.Attribute("url.full") is string full && Uri.TryCreate(full, UriKind.Absolute, out var url))
        {
            activity.SetTag("url.path", url.AbsolutePath);
        }

        foreach (var browserEvent in span.Events)
        {
            activity.AddEvent(new ActivityEvent(browserEvent.Name, browserEvent.Time, new ActivityTagsCollection(browserEvent.Attributes)));
        }

        if (span.IsError)
        {
            activity.SetStatus(ActivityStatusCode.Error, span.StatusMessage);
            if (activity.GetTagItem(SemanticAttributes.ErrorType) is null)
            {
                activity.SetTag(SemanticAttributes.ErrorType, "browser");
            }
        }

        // Ended at the page's end time; Stop makes its parent (none here) current, so the caller's current is kept.
        var current = Activity.Current;
        activity.SetEndTime(span.End.UtcDateTime);
        activity.Stop();
        Activity.Current = current;
    }

    /// <summary>The spans with every parent before its children when both are in the request, so a child follows its root's decision.</summary>
    private static IEnumerable<BrowserSpan> ParentsFirst(IReadOnlyList<BrowserSpan> spans)
    {
        var present = spans.Select(span => span.SpanId).ToHashSet();
        var byParent = spans.Where(span => span.ParentSpanId is { } parent && present.Contains(parent)).ToLookup(span => span.ParentSpanId!.Value);
        // Roots first, then the spans whose parent came in another request: a root's decision is known before its children's.
        var pending = new Queue<BrowserSpan>(spans.Where(span => span.ParentSpanId is null)
            .Concat(spans.Where(span => span.ParentSpanId is { } parent && !present.Contains(parent))));
        var seen = new HashSet<ActivitySpanId>();
        while (pending.TryDequeue(out var span))
        {
            if (!seen.Add(span.SpanId))
            {
                continue;
            }

            yield return span;
            foreach (var child in byParent[span.SpanId])
            {
                pending.Enqueue(child);
            }
        }
    }

    private sealed record Description(string Name, ActivityKind Kind, KeyValuePair<string, object?>[] SamplingTags);
}
