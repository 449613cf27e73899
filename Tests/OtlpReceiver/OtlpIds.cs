using Google.Protobuf;

namespace Alexandrite.Testing.Otlp;

/// <summary>
/// Trace and span ids travel as raw bytes (16 and 8); tests compare them with
/// <c>ActivityTraceId.ToHexString()</c>, which prints lowercase hex.
/// </summary>
internal static class OtlpIds
{
    public static string ToHex(ByteString id) => Convert.ToHexStringLower(id.Span);

    /// <summary>
    /// Null for an absent id: the spec says an empty parent_span_id marks a root span, and an
    /// all-zero id is invalid, which some senders use for "none" as well.
    /// </summary>
    public static string? ToHexOrNull(ByteString id) =>
        id.Span.ContainsAnyExcept((byte)0) ? ToHex(id) : null;
}
