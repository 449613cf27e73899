using System.Diagnostics;
using OpenTelemetry.Trace;

namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>
/// Parent-based head sampling (https://opentelemetry.io/docs/specs/otel/trace/sdk/#parentbased): a span inside
/// a trace follows its parent, so an order's trace is kept or dropped as a whole across services; a new trace
/// is kept by ratio (on the trace id, so every service decides alike) or because its operation is forced.
/// What is not kept is still recorded (RecordOnly), never exported unless the error keeper finds an error in it; without
/// error keeping only its local roots are (a request's server span, which a forcing header may still mark sampled), and
/// nothing under them is built at all.
/// </summary>
internal sealed class OrderSampler : Sampler
{
    private static readonly SamplingResult Keep = new(SamplingDecision.RecordAndSample);
    private static readonly SamplingResult RecordOnly = new(SamplingDecision.RecordOnly);

    private readonly TraceIdRatioBasedSampler _ratio;
    private readonly string[] _forcedOperations;
    private readonly SamplingResult _unsampledChild;

    public OrderSampler(double ratio, IEnumerable<string> forcedOperations, bool keepErrorTraces = true)
    {
        _unsampledChild = keepErrorTraces ? RecordOnly : new SamplingResult(SamplingDecision.Drop);
        _ratio = new TraceIdRatioBasedSampler(ratio);
        _forcedOperations = forcedOperations.ToArray();
        Description = $"OrderSampler{{ratio={ratio}, forced={string.Join(",", _forcedOperations)}}}";
    }

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        if (samplingParameters.ParentContext.TraceId != default)
        {
            var parent = samplingParameters.ParentContext;
            return (parent.TraceFlags & ActivityTraceFlags.Recorded) != 0 ? Keep
                : parent.IsRemote ? RecordOnly
                : _unsampledChild;
        }

        if (IsForced(samplingParameters))
        {
            return Keep;
        }

        return _ratio.ShouldSample(samplingParameters).Decision == SamplingDecision.RecordAndSample ? Keep : RecordOnly;
    }

    private bool IsForced(in SamplingParameters parameters)
    {
        if (_forcedOperations.Length == 0)
        {
            return false;
        }

        var name = parameters.Name;
        string? method = null, path = null;
        foreach (var tag in parameters.Tags ?? [])
        {
            switch (tag.Key)
            {
                case "http.request.method":
                    method = tag.Value as string;
                    break;
                case "url.path":
                    path = tag.Value as string;
                    break;
            }
        }

        var request = method is not null && path is not null ? $"{method} {path}" : null;
        return _forcedOperations.Any(operation =>
            string.Equals(operation, name, StringComparison.Ordinal)
            || (request is not null && request.StartsWith(operation, StringComparison.OrdinalIgnoreCase)));
    }
}
