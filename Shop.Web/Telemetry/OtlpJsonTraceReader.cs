using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Alexandrite.Shop.Web.Telemetry;

/// <summary>
/// Reads an OTLP/HTTP JSON trace export request (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding:
/// ids in hex, 64-bit integers as strings or numbers, enums as integers) as OpenTelemetry JS's OTLPTraceExporter
/// sends it, within <see cref="BrowserTelemetryOptions"/>' limits. Only what the relay uses is read: resource
/// attributes are the browser's own claims about itself and are ignored. Anything malformed fails the whole request
/// (<see cref="OtlpJsonException"/>): a page of this shop never sends it. Written here because OpenTelemetry .NET
/// has no OTLP reader (it only exports) and OpenTelemetry.Proto, which would bring the message types, is not served.
/// </summary>
internal static class OtlpJsonTraceReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    /// <summary>What an absent array reads as.</summary>
    private static readonly JsonElement EmptyArray = JsonDocument.Parse("[]").RootElement;

    public static IReadOnlyList<BrowserSpan> Read(ReadOnlyMemory<byte> json, BrowserTelemetryOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException exception)
        {
            throw new OtlpJsonException("The body is not JSON.", exception);
        }

        using (document)
        {
            var spans = new List<BrowserSpan>();
            foreach (var resourceSpans in Array(document.RootElement, "resourceSpans"))
            {
                foreach (var scopeSpans in Array(resourceSpans, "scopeSpans"))
                {
                    var scope = scopeSpans.TryGetProperty("scope", out var scopeElement) ? String(scopeElement, "name") ?? "" : "";
                    foreach (var span in Array(scopeSpans, "spans"))
                    {
                        if (spans.Count == limits.MaxSpansPerRequest)
                        {
                            throw new OtlpJsonException($"At most {limits.MaxSpansPerRequest} spans per request.");
                        }

                        spans.Add(ReadSpan(scope, span, limits));
                    }
                }
            }

            return spans;
        }
    }

    private static BrowserSpan ReadSpan(string scope, JsonElement span, BrowserTelemetryOptions limits)
    {
        var traceId = String(span, "traceId") is { Length: 32 } trace && IsHex(trace) && trace.Any(c => c != '0')
            ? ActivityTraceId.CreateFromString(trace.ToLowerInvariant())
            : throw new OtlpJsonException("A span's traceId is not 32 hexadecimal digits.");
        var spanId = SpanId(String(span, "spanId")) ?? throw new OtlpJsonException("A span's spanId is not 16 hexadecimal digits.");
        var parentSpanId = String(span, "parentSpanId") is { Length: > 0 } parent
            ? SpanId(parent) ?? throw new OtlpJsonException("A span's parentSpanId is not 16 hexadecimal digits.")
            : (ActivitySpanId?)null;
        var start = Time(span, "startTimeUnixNano");
        var end = Time(span, "endTimeUnixNano");
        var status = span.TryGetProperty("status", out var statusElement) && statusElement.ValueKind == JsonValueKind.Object ? statusElement : default;
        return new BrowserSpan(
            scope,
            String(span, "name") ?? "",
            Integer(span, "kind") switch
            {
                2 => ActivityKind.Server,
                3 => ActivityKind.Client,
                4 => ActivityKind.Producer,
                5 => ActivityKind.Consumer,
                _ => ActivityKind.Internal,
            },
            traceId,
            spanId,
            parentSpanId,
            start,
            end < start ? start : end,
            Attributes(span, limits),
            Array(span, "events").Take(limits.MaxEventsPerSpan)
                .Select(e => new BrowserSpanEvent(Cut(String(e, "name") ?? "", 128), Time(e, "timeUnixNano"), Attributes(e, limits)))
                .ToList(),
            status.ValueKind == JsonValueKind.Object && Integer(status, "code") == 2,
            status.ValueKind == JsonValueKind.Object ? String(status, "message") is { } message ? Cut(message, limits.MaxAttributeLength) : null : null);
    }

    private static List<KeyValuePair<string, object?>> Attributes(JsonElement owner, BrowserTelemetryOptions limits)
    {
        var attributes = new List<KeyValuePair<string, object?>>();
        foreach (var attribute in Array(owner, "attributes"))
        {
            if (attributes.Count == limits.MaxAttributesPerSpan)
            {
                break;
            }

            if (String(attribute, "key") is { Length: > 0 and <= 128 } key && attribute.TryGetProperty("value", out var value)
                && Value(value, limits) is { } scalar)
            {
                attributes.Add(new(key, scalar));
            }
        }

        return attributes;
    }

    /// <summary>A scalar AnyValue; arrays, maps and bytes are left out (the page's instrumentations send none that matter).</summary>
    private static object? Value(JsonElement value, BrowserTelemetryOptions limits)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new OtlpJsonException("An attribute's value is not an AnyValue object.");
        }

        if (value.TryGetProperty("stringValue", out var text))
        {
            return Cut(text.ValueKind == JsonValueKind.String ? text.GetString()! : throw new OtlpJsonException("stringValue is not a string."), limits.MaxAttributeLength);
        }

        if (value.TryGetProperty("boolValue", out var flag))
        {
            return flag.ValueKind is JsonValueKind.True or JsonValueKind.False ? flag.GetBoolean() : throw new OtlpJsonException("boolValue is not a boolean.");
        }

        if (value.TryGetProperty("intValue", out _))
        {
            return Integer(value, "intValue");
        }

        if (value.TryGetProperty("doubleValue", out var number))
        {
            return number.ValueKind == JsonValueKind.Number ? number.GetDouble() : throw new OtlpJsonException("doubleValue is not a number.");
        }

        return null;
    }

    private static JsonElement.ArrayEnumerator Array(JsonElement owner, string name)
    {
        if (owner.ValueKind != JsonValueKind.Object)
        {
            throw new OtlpJsonException($"Expected an object holding '{name}'.");
        }

        if (!owner.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return EmptyArray.EnumerateArray();
        }

        return array.ValueKind == JsonValueKind.Array ? array.EnumerateArray() : throw new OtlpJsonException($"'{name}' is not an array.");
    }

    private static string? String(JsonElement owner, string name) =>
        !owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new OtlpJsonException($"'{name}' is not a string.");

    /// <summary>A 64-bit integer, which the protobuf JSON mapping writes as a string and some writers as a number.</summary>
    private static long Integer(JsonElement owner, string name)
    {
        if (!owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return 0;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }

        return value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number)
            ? number
            : throw new OtlpJsonException($"'{name}' is not a 64-bit integer.");
    }

    /// <summary>A time in Unix nanoseconds; the page's clock may be off, but not by more than a day.</summary>
    private static DateTimeOffset Time(JsonElement owner, string name)
    {
        var nanos = Integer(owner, name);
        var time = DateTimeOffset.UnixEpoch.AddTicks(Math.Max(0, nanos) / 100);
        return Math.Abs((time - DateTimeOffset.UtcNow).TotalDays) <= 1
            ? time
            : throw new OtlpJsonException($"'{name}' is more than a day away from now.");
    }

    private static ActivitySpanId? SpanId(string? hex) =>
        hex is { Length: 16 } && IsHex(hex) && hex.Any(c => c != '0') ? ActivitySpanId.CreateFromString(hex.ToLowerInvariant()) : null;

    private static bool IsHex(string text) => text.All(char.IsAsciiHexDigit);

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];
}

/// <summary>An export request that is not valid OTLP/HTTP JSON within the limits; answered 400.</summary>
internal sealed class OtlpJsonException : Exception
{
    public OtlpJsonException(string message) : base(message)
    {
    }

    public OtlpJsonException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public OtlpJsonException()
    {
    }
}
