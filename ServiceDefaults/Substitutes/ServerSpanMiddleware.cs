using System.Diagnostics;
using Alexandrite.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Alexandrite.ServiceDefaults.Substitutes;

/// <summary>
/// Completes ASP.NET Core's server span after the request ran, as the HTTP server semantic conventions ask
/// (https://opentelemetry.io/docs/specs/semconv/http/http-spans/#http-server): http.route,
/// http.response.status_code, Error status and error.type for 5xx, and the name "{method} {route}".
/// Runs outermost (see ServiceDefaultsStartupFilter) so it sees the final status code.
/// </summary>
internal sealed class ServerSpanMiddleware(RequestDelegate next, IOptionsMonitor<TelemetryOptions> options)
{
    private static readonly HashSet<string> KnownMethods = new(StringComparer.OrdinalIgnoreCase)
    {
        "CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE",
    };

    public async Task InvokeAsync(HttpContext context)
    {
        var activity = context.Features.Get<IHttpActivityFeature>()?.Activity;
        if (activity is null)
        {
            await next(context);
            return;
        }

        if (IsUntraced(context.Request.Path)
            || string.Equals(context.Request.Headers[SamplingOptions.ForceHeader], "never", StringComparison.OrdinalIgnoreCase))
        {
            // Not recorded means not exported, and children (health-check queries) inherit the decision.
            activity.IsAllDataRequested = false;
            activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            await next(context);
            return;
        }

        DropForeignBaggage(activity);
        ForceSamplingWhenAsked(context, activity);
        var escaped = false;
        try
        {
            await next(context);
        }
        catch
        {
            // The response had already started, so nothing turned the exception into a 500 page:
            // the server will answer 500 (or abort) after this middleware returns.
            escaped = true;
            throw;
        }
        finally
        {
            Complete(activity, context, escaped ? StatusCodes.Status500InternalServerError : context.Response.StatusCode);
        }
    }

    /// <summary>
    /// A request that sends "X-Alexandrite-Trace: always" is kept whatever the ratio. The sampler cannot see
    /// headers, but an unsampled span is still recorded, so marking it sampled here, before anything under it
    /// starts, keeps the whole request (and what it calls, through the traceparent flags).
    /// </summary>
    private static void ForceSamplingWhenAsked(HttpContext context, Activity activity)
    {
        if (!activity.Recorded && activity.IsAllDataRequested
            && string.Equals(context.Request.Headers[SamplingOptions.ForceHeader], "always", StringComparison.OrdinalIgnoreCase))
        {
            activity.ActivityTraceFlags |= ActivityTraceFlags.Recorded;
        }
    }

    /// <summary>
    /// The edge rule for baggage (https://www.w3.org/TR/baggage/#privacy-considerations): only the keys the system
    /// owns pass into its spans and onward calls; anything else a caller sent is dropped here.
    /// </summary>
    private static void DropForeignBaggage(Activity activity)
    {
        foreach (var (key, value) in activity.Baggage.ToList())
        {
            if (!SemanticAttributes.OwnedBaggageKeys.Contains(key) || (key == SemanticAttributes.OrderId && !Guid.TryParse(value, out _)))
            {
                activity.SetBaggage(key, null);
            }
        }
    }

    private bool IsUntraced(PathString path) =>
        options.CurrentValue.UntracedPaths.Any(untraced => path.Equals(untraced, StringComparison.OrdinalIgnoreCase));

    private static void Complete(Activity activity, HttpContext context, int statusCode)
    {
        if (!activity.IsAllDataRequested)
        {
            return;
        }

        activity.SetTag("http.response.status_code", statusCode);

        // The exception handler clears the endpoint before it re-executes; it keeps the original on its feature.
        var endpoint = context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText;
        var method = KnownMethods.Contains(context.Request.Method) ? context.Request.Method.ToUpperInvariant() : "HTTP";
        if (route is not null)
        {
            activity.SetTag("http.route", route);
            activity.DisplayName = $"{method} {route}";
        }
        else
        {
            activity.DisplayName = method;
        }

        // 4xx is the client's error, not the server's: only 5xx marks the server span as failed.
        if (statusCode >= StatusCodes.Status500InternalServerError)
        {
            if (activity.GetTagItem("error.type") is null)
            {
                activity.SetTag("error.type", statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (activity.Status != ActivityStatusCode.Error)
            {
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }
    }
}
