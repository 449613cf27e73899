using System.Collections.ObjectModel;
using Alexandrite.Testing.Otlp.Wire;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Alexandrite.Testing.Otlp;

/// <summary>
/// Answers OTLP/HTTP export requests with binary Protobuf encoding
/// (https://opentelemetry.io/docs/specs/otlp/#otlphttp): 200 with the signal's empty
/// Export*ServiceResponse, or a 4xx whose body is a Protobuf Status, as the spec requires of
/// every failure. JSON encoding is not supported (415): the services export http/protobuf.
/// </summary>
internal sealed class OtlpHttpHandler(ReceivedTelemetry telemetry, IOtlpForwarder? forwarder)
{
    private const string ProtobufMediaType = "application/x-protobuf";

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var statusCode = await RespondAsync(context).ConfigureAwait(false);
        telemetry.Requests.Add([new ReceivedExportRequest(
            request.Method,
            request.Path.Value ?? string.Empty,
            statusCode,
            new ReadOnlyDictionary<string, string>(request.Headers.ToDictionary(
                h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)))]);
    }

    private async Task<int> RespondAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? string.Empty;
        if (!OtlpPaths.IsSignal(path))
        {
            return await FailAsync(context, StatusCodes.Status404NotFound, $"No OTLP signal is served at '{path}'.").ConfigureAwait(false);
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.Headers.Allow = HttpMethods.Post;
            return await FailAsync(context, StatusCodes.Status405MethodNotAllowed, "OTLP/HTTP exports use POST.").ConfigureAwait(false);
        }

        if (!IsProtobuf(request.ContentType))
        {
            return await FailAsync(context, StatusCodes.Status415UnsupportedMediaType, $"Content-Type must be {ProtobufMediaType}, not '{request.ContentType}'.").ConfigureAwait(false);
        }

        // The spec's only compression is gzip (https://opentelemetry.io/docs/specs/otlp/#protocol-details).
        var encoding = request.Headers.ContentEncoding.ToString();
        var gzip = string.Equals(encoding, "gzip", StringComparison.OrdinalIgnoreCase);
        if (!gzip && encoding.Length > 0 && !string.Equals(encoding, "identity", StringComparison.OrdinalIgnoreCase))
        {
            return await FailAsync(context, StatusCodes.Status415UnsupportedMediaType, $"Content-Encoding '{encoding}' is not supported; use gzip or none.").ConfigureAwait(false);
        }

        IMessage response;
        try
        {
            var body = await RequestBodyReader.ReadAsync(request, gzip, context.RequestAborted).ConfigureAwait(false);
            response = Accept(path, body);
            if (forwarder is not null)
            {
                await forwarder.ForwardAsync(path, body, context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own limits (413 for a body over MaxRequestBodySize) and ours.
            return await FailAsync(context, e.StatusCode, e.Message).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidDataException)
        {
            // "Bad Data" in the spec: 400, which tells the client not to retry.
            return await FailAsync(context, StatusCodes.Status400BadRequest, $"The body is not a valid {ExpectedMessage(path)}: {e.Message}").ConfigureAwait(false);
        }

        return await WriteAsync(context, StatusCodes.Status200OK, response).ConfigureAwait(false);
    }

    // RespondAsync has already narrowed path to the three signal paths, hence the defaults below.
    private IMessage Accept(string path, byte[] body)
    {
        switch (path)
        {
            case OtlpPaths.Traces:
                telemetry.Accept(ExportTraceServiceRequest.Parser.ParseFrom(body));
                return new ExportTraceServiceResponse();
            case OtlpPaths.Logs:
                telemetry.Accept(ExportLogsServiceRequest.Parser.ParseFrom(body));
                return new ExportLogsServiceResponse();
            default:
                telemetry.Accept(ExportMetricsServiceRequest.Parser.ParseFrom(body));
                return new ExportMetricsServiceResponse();
        }
    }

    private static string ExpectedMessage(string path) => path switch
    {
        OtlpPaths.Traces => nameof(ExportTraceServiceRequest),
        OtlpPaths.Logs => nameof(ExportLogsServiceRequest),
        _ => nameof(ExportMetricsServiceRequest),
    };

    private static bool IsProtobuf(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && mediaType.MediaType.Equals(ProtobufMediaType, StringComparison.OrdinalIgnoreCase);

    private static Task<int> FailAsync(HttpContext context, int statusCode, string message) =>
        WriteAsync(context, statusCode, new ErrorStatus { Message = message });

    private static async Task<int> WriteAsync(HttpContext context, int statusCode, IMessage body)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = ProtobufMediaType;
        await context.Response.Body.WriteAsync(body.ToByteArray(), context.RequestAborted).ConfigureAwait(false);
        return statusCode;
    }
}
