using System.Collections.Concurrent;
using System.Diagnostics;
using Alexandrite.ServiceDefaults.Telemetry;

namespace Alexandrite.Shop.Web.Telemetry;

/// <summary>
/// The browser's span of a user action, so an order's trace starts at the user's click: the page asks Shop.Web to
/// open the span (a root, recorded here through the same ServiceDefaults pipeline as every other span: sampler,
/// scrubber, exporters), sends its W3C traceparent (https://www.w3.org/TR/trace-context/) with the request the
/// click makes, and asks Shop.Web to end it when the answer is in. A minimal equivalent of OpenTelemetry JS's
/// document and fetch instrumentation, without a JavaScript SDK or a collector reachable from the browser.
/// </summary>
internal sealed class BrowserActions(TimeProvider time) : IDisposable
{
    /// <summary>At most this many actions open at once; a page that never ends its action does not hold it longer than <see cref="MaxAge"/>.</summary>
    private const int MaxOpen = 1000;

    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<ActivitySpanId, Activity> _open = new();

    /// <summary>
    /// Opens the span of a form submitted to <paramref name="path"/>, whose route is <paramref name="template"/>;
    /// null when it is not recorded or too many are open.
    /// </summary>
    public Activity? Start(string template, string path, Guid? orderId)
    {
        EndAbandoned();
        if (_open.Count >= MaxOpen)
        {
            return null;
        }

        var current = Activity.Current;
        Activity.Current = null;
        try
        {
            // A root: the trace starts at the user's click. Method and path are given at the start, so the sampler
            // applies Telemetry:Sampling to it as to any request that starts a trace.
            var activity = AlexandriteTelemetry.Browser.StartActivity(
                SpanNames.BrowserSubmit(template),
                ActivityKind.Client,
                parentContext: default,
                tags:
                [
                    new("http.request.method", "POST"),
                    new("url.path", path),
                    new("http.route", template),
                ]);
            if (activity is null)
            {
                return null;
            }

            if (orderId is { } id)
            {
                activity.SetTag(SemanticAttributes.OrderId, id.ToString());
                activity.SetBaggage(SemanticAttributes.OrderId, id.ToString());
            }

            _open[activity.SpanId] = activity;
            return activity;
        }
        finally
        {
            Activity.Current = current;
        }
    }

    /// <summary>Ends the action's span with the status code the page got (0: no answer); false when no such action is open.</summary>
    public bool End(ActivitySpanId spanId, int statusCode)
    {
        if (!_open.TryRemove(spanId, out var activity))
        {
            return false;
        }

        if (statusCode > 0)
        {
            activity.SetTag("http.response.status_code", statusCode);
        }

        if (statusCode is 0 or >= 500)
        {
            activity.SetStatus(ActivityStatusCode.Error);
            activity.SetTag(SemanticAttributes.ErrorType, statusCode == 0 ? "no_response" : statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Stop(activity);
        return true;
    }

    /// <summary>The W3C traceparent header for requests made within <paramref name="activity"/>.</summary>
    public static string TraceParent(Activity activity) =>
        $"00-{activity.TraceId.ToHexString()}-{activity.SpanId.ToHexString()}-{(activity.Recorded ? "01" : "00")}";

    private void EndAbandoned()
    {
        var oldest = time.GetUtcNow().UtcDateTime - MaxAge;
        foreach (var (spanId, activity) in _open)
        {
            if (activity.StartTimeUtc < oldest)
            {
                Abandon(spanId);
            }
        }
    }

    /// <summary>At shutdown, the spans still open are ended (and exported) rather than lost.</summary>
    public void Dispose()
    {
        foreach (var spanId in _open.Keys)
        {
            Abandon(spanId);
        }
    }

    /// <summary>Ends an action the page never ended, saying so.</summary>
    private void Abandon(ActivitySpanId spanId)
    {
        if (_open.TryRemove(spanId, out var activity))
        {
            activity.SetTag("browser.action.outcome", "abandoned");
            Stop(activity);
        }
    }

    /// <summary>Stops a span opened in another request without disturbing the current one.</summary>
    private static void Stop(Activity activity)
    {
        var current = Activity.Current;
        activity.Stop();
        Activity.Current = current;
    }
}
