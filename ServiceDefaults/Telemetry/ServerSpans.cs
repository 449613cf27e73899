using System.Diagnostics;
using System.Globalization;
using System.Net.Mime;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Instrumentation.AspNetCore;

namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>
/// What the project adds to OpenTelemetry.Instrumentation.AspNetCore's server spans, which already carry the HTTP
/// server conventions (name "METHOD route", http.route, status code, Error on 5xx;
/// https://opentelemetry.io/docs/specs/semconv/http/http-spans/#http-server): no span for health probes or for a
/// request that asks for none, a forced one for a request that asks for it, only the system's own baggage, error.type
/// on every 5xx, and each exception recorded once (<see cref="HandledExceptionEvents"/>).
/// </summary>
internal static class ServerSpans
{
    public static IServiceCollection ConfigureServerSpans(this IServiceCollection services)
    {
        services.AddOptions<AspNetCoreTraceInstrumentationOptions>()
            .Configure<IOptionsMonitor<TelemetryOptions>>((options, telemetry) =>
            {
                // Not recorded means not exported, and children (health-check queries) inherit the decision.
                options.Filter = context => !IsUntraced(context, telemetry.CurrentValue);
                options.EnrichWithHttpRequest = (activity, request) =>
                {
                    DropForeignBaggage(activity);
                    ForceSamplingWhenAsked(request, activity);
                };
                options.EnrichWithHttpResponse = (activity, response) => MarkServerError(activity, response.StatusCode);

                // HandledExceptionEvents records every exception, once.
                options.RecordException = false;

                // Blazor's own spans (a form's "Event onsubmit") would become the root of an order's trace, which
                // starts at the form post (https://github.com/open-telemetry/opentelemetry-dotnet-contrib).
                options.EnableRazorComponentsSupport = false;
            });

        if (!services.Any(descriptor => descriptor.ImplementationType == typeof(HandledExceptionEvents)))
        {
            services.AddHostedService<HandledExceptionEvents>();
        }

        return services;
    }

    /// <summary>
    /// Probes and telemetry about telemetry (by path, and Prometheus's scrapes by port), requests that ask for no trace
    /// (the header), and subscriptions to an event stream (Accept: text/event-stream, which a browser's EventSource
    /// always sends and cannot replace by the header:
    /// https://html.spec.whatwg.org/multipage/server-sent-events.html#dom-eventsource): a page kept open
    /// waiting for changes is nobody's action, and must cost no spans however long it stays open.
    /// </summary>
    internal static bool IsUntraced(HttpContext context, TelemetryOptions telemetry) =>
        telemetry.UntracedPaths.Any(untraced => context.Request.Path.Equals(untraced, StringComparison.OrdinalIgnoreCase))
        || string.Equals(context.Request.Headers[SamplingOptions.ForceHeader], "never", StringComparison.OrdinalIgnoreCase)
        || IsEventStreamRequest(context.Request)
        || PrometheusScrapePort.IsScrapePort(context, telemetry.Prometheus.Port);

    private static bool IsEventStreamRequest(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && request.Headers.Accept.Any(accept => accept?.Contains(MediaTypeNames.Text.EventStream, StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>
    /// A request that sends "X-Alexandrite-Trace: always" is kept whatever the ratio. The sampler cannot see
    /// headers, but an unsampled span is still recorded, so marking it sampled here, before anything under it
    /// starts, keeps the whole request (and what it calls, through the traceparent flags).
    /// </summary>
    private static void ForceSamplingWhenAsked(HttpRequest request, Activity activity)
    {
        if (!activity.Recorded && string.Equals(request.Headers[SamplingOptions.ForceHeader], "always", StringComparison.OrdinalIgnoreCase))
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

    /// <summary>The instrumentation sets error.type only for exceptions; a 5xx answered without one gets its status code.</summary>
    private static void MarkServerError(Activity activity, int statusCode)
    {
        if (statusCode >= StatusCodes.Status500InternalServerError && activity.GetTagItem("error.type") is null)
        {
            activity.SetTag("error.type", statusCode.ToString(CultureInfo.InvariantCulture));
        }
    }
}
