using System.IO.Compression;
using Microsoft.AspNetCore.Http;

namespace Alexandrite.Testing.Otlp;

/// <summary>
/// Reads an export request body, inflating gzip, within the size limit the spec asks servers
/// to enforce "including after decompression"
/// (https://opentelemetry.io/docs/specs/otlp/#otlphttp-request).
/// </summary>
internal static class RequestBodyReader
{
    /// <summary>The spec's recommended default limit.</summary>
    public const int MaxBodyBytes = 64 * 1024 * 1024;

    /// <exception cref="BadHttpRequestException">413 when the (inflated) body is over the limit.</exception>
    /// <exception cref="InvalidDataException">
    /// The gzip stream is corrupt. GZipStream does not notice a stream that is merely cut short:
    /// what it inflated so far is returned, and protobuf decoding usually rejects that instead.
    /// </exception>
    public static async Task<byte[]> ReadAsync(HttpRequest request, bool gzip, CancellationToken cancellationToken)
    {
        // Kestrel enforces MaxBodyBytes on the compressed bytes; this loop enforces it on the inflated ones.
        await using var inflater = gzip ? new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true) : null;
        var source = inflater ?? request.Body;
        using var body = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (body.Length + read > MaxBodyBytes)
            {
                throw new BadHttpRequestException(
                    $"The request body is larger than {MaxBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
            }

            body.Write(buffer, 0, read);
        }

        return body.ToArray();
    }
}
