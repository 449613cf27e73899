using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;

namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>
/// W3C trace context and baggage (https://www.w3.org/TR/trace-context/, https://www.w3.org/TR/baggage/) as a
/// string dictionary: how work that continues later (an outbox message, a persisted calculation job) keeps
/// the order's trace.
/// </summary>
public static class TraceCarrier
{
    // Explicit rather than Propagators.DefaultTextMapPropagator, which is a no-op until an SDK sets it.
    public static readonly TextMapPropagator Propagator = new CompositeTextMapPropagator(
        [new TraceContextPropagator(), new BaggagePropagator()]);

    /// <summary>The current span's context and the current baggage.</summary>
    public static Dictionary<string, string> CaptureCurrent()
    {
        var carrier = new Dictionary<string, string>(StringComparer.Ordinal);
        Propagator.Inject(new PropagationContext(Activity.Current?.Context ?? default, Baggage.Current), carrier, static (c, key, value) => c[key] = value);
        return carrier;
    }

    public static PropagationContext Extract(IReadOnlyDictionary<string, string> carrier) =>
        Propagator.Extract(default, carrier, static (c, key) => c.TryGetValue(key, out var value) ? [value] : []);
}
