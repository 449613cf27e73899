using OpenTelemetry;
using OpenTelemetry.Logs;

namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>
/// Applies <see cref="TelemetryScrubber"/> to every log record before the exporter: the formatted message,
/// the template arguments (attributes) and the exception, which is turned into scrubbed exception.*
/// attributes. Scopes are not exported at all (see ServiceDefaults' logging options): the SDK offers no way to
/// rewrite them, and what they held (request path, connection and request ids) the trace and span ids carry.
/// </summary>
internal sealed class SanitizingLogProcessor : BaseProcessor<LogRecord>
{
    public override void OnEnd(LogRecord data)
    {
        if (data.FormattedMessage is { } message)
        {
            data.FormattedMessage = TelemetryScrubber.Scrub(message);
        }

        if (data.Body is { } body)
        {
            data.Body = TelemetryScrubber.Scrub(body);
        }

        var attributes = new List<KeyValuePair<string, object?>>();
        foreach (var (key, value) in data.Attributes ?? [])
        {
            if (TelemetryScrubber.ScrubAttribute(key, value is string or string[] or null ? value : value.ToString()) is { } kept)
            {
                attributes.Add(new(key, kept));
            }
        }

        if (data.Exception is { } exception)
        {
            attributes.Add(new("exception.type", exception.GetType().FullName));
            attributes.Add(new("exception.message", TelemetryScrubber.Scrub(exception.Message)));
            attributes.Add(new("exception.stacktrace", TelemetryScrubber.Scrub(exception.ToString())));
            data.Exception = null;
        }

        data.Attributes = attributes;
    }
}
