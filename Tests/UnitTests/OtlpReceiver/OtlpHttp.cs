using System.IO.Compression;
using System.Net.Http.Headers;
using Alexandrite.Testing.Otlp;
using Google.Protobuf;

namespace Alexandrite.UnitTests.Otlp;

/// <summary>Posts hand-made bodies to a receiver, for what a well-behaved exporter never sends.</summary>
internal static class OtlpHttp
{
    private static readonly HttpClient Client = new();

    public static Task<HttpResponseMessage> PostAsync(OtlpReceiver receiver, string path, IMessage request, bool gzip = false) =>
        PostAsync(receiver, path, gzip ? Gzip(request.ToByteArray()) : request.ToByteArray(), gzip ? "gzip" : null);

    public static Task<HttpResponseMessage> PostAsync(
        OtlpReceiver receiver,
        string path,
        byte[] body,
        string? contentEncoding = null,
        string contentType = "application/x-protobuf")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (contentEncoding is not null)
        {
            content.Headers.ContentEncoding.Add(contentEncoding);
        }

        return Client.PostAsync(new Uri(receiver.Endpoint, path), content);
    }

    public static Task<HttpResponseMessage> SendAsync(OtlpReceiver receiver, HttpMethod method, string path) =>
        Client.SendAsync(new HttpRequestMessage(method, new Uri(receiver.Endpoint, path)));

    public static byte[] Gzip(byte[] bytes)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return compressed.ToArray();
    }
}
