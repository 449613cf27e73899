using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;

namespace Alexandrite.Testing.Otlp;

/// <summary>
/// Forwards OTLP/HTTP Protobuf bodies to an OTLP/gRPC endpoint (the Aspire dashboard's) as unary gRPC calls over
/// HTTP/2 without TLS: the body is already the Export*ServiceRequest the gRPC method takes, so forwarding is framing
/// (https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md), not re-encoding. The destination is set once it
/// is known (<see cref="SetDestination"/>); requests accepted before that are not forwarded.
/// </summary>
public sealed class OtlpGrpcForwarder : IOtlpForwarder, IDisposable
{
    private static readonly Dictionary<string, string> Methods = new(StringComparer.Ordinal)
    {
        [OtlpPaths.Traces] = "/opentelemetry.proto.collector.trace.v1.TraceService/Export",
        [OtlpPaths.Logs] = "/opentelemetry.proto.collector.logs.v1.LogsService/Export",
        [OtlpPaths.Metrics] = "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export",
    };

    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly ConcurrentQueue<string> _failures = new();
    private volatile Destination? _destination;

    private sealed record Destination(Uri Endpoint, IReadOnlyList<KeyValuePair<string, string>> Headers);

    /// <summary>What went wrong forwarding, for a failure message (the newest last).</summary>
    public IReadOnlyCollection<string> Failures => _failures;

    /// <summary>
    /// The gRPC endpoint and the headers every call carries (OTEL_EXPORTER_OTLP_HEADERS' "k=v,k2=v2" form, e.g. the
    /// dashboard's x-otlp-api-key). Setting the same destination again changes nothing.
    /// </summary>
    public void SetDestination(Uri endpoint, string? headers) =>
        _destination = new Destination(endpoint, ParseHeaders(headers));

    public async Task ForwardAsync(string signalPath, byte[] body, CancellationToken cancellationToken)
    {
        if (_destination is not { } destination)
        {
            return;
        }

        // A gRPC message: a compression flag (0), the length in 4 big-endian bytes, then the message.
        var frame = new byte[5 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)body.Length);
        body.CopyTo(frame, 5);

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(destination.Endpoint, Methods[signalPath]))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(frame),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (name, value) in destination.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            var status = GrpcStatus(response);
            if (!response.IsSuccessStatusCode || status != "0")
            {
                _failures.Enqueue($"{signalPath}: HTTP {(int)response.StatusCode}, grpc-status {status ?? "none"}");
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            _failures.Enqueue($"{signalPath}: {exception.Message}");
        }
    }

    /// <summary>gRPC puts the status in the trailers, or in the headers of an answer without a body.</summary>
    private static string? GrpcStatus(HttpResponseMessage response) =>
        response.TrailingHeaders.TryGetValues("grpc-status", out var trailer) ? trailer.FirstOrDefault()
        : response.Headers.TryGetValues("grpc-status", out var header) ? header.FirstOrDefault()
        : null;

    private static List<KeyValuePair<string, string>> ParseHeaders(string? headers) =>
        (headers ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(parts => parts.Length == 2)
            .Select(parts => KeyValuePair.Create(parts[0], Uri.UnescapeDataString(parts[1])))
            .ToList();

    public void Dispose() => _client.Dispose();
}
