namespace Alexandrite.Testing.Otlp;

/// <summary>
/// One HTTP request the receiver answered, whatever its outcome; lets tests check how an
/// exporter is configured (path, compression, headers from OTEL_EXPORTER_OTLP_HEADERS).
/// </summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The request path, e.g. <c>/v1/traces</c>.</param>
/// <param name="StatusCode">The HTTP status the receiver answered with.</param>
/// <param name="Headers">The request headers; keys compare case-insensitively.</param>
public sealed record ReceivedExportRequest(
    string Method,
    string Path,
    int StatusCode,
    IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The Content-Type header, or null.</summary>
    public string? ContentType => Headers.GetValueOrDefault("Content-Type");

    /// <summary>The Content-Encoding header (e.g. <c>gzip</c>), or null.</summary>
    public string? ContentEncoding => Headers.GetValueOrDefault("Content-Encoding");

    /// <summary>The User-Agent header, or null.</summary>
    public string? UserAgent => Headers.GetValueOrDefault("User-Agent");
}
