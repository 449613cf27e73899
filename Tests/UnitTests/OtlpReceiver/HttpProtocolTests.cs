using System.Diagnostics;
using System.Net;
using Alexandrite.Testing.Otlp;
using Alexandrite.Testing.Otlp.Wire;
using Google.Protobuf;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;

namespace Alexandrite.UnitTests.Otlp;

/// <summary>The OTLP/HTTP contract: status codes, bodies and encodings (https://opentelemetry.io/docs/specs/otlp/#otlphttp).</summary>
public sealed class HttpProtocolTests
{
    // Field 1, length-delimited, claiming 100 bytes of which only 2 follow: undecodable.
    private static readonly byte[] Truncated = [0x0A, 0x64, 0x01, 0x02];

    [Fact]
    public async Task GzipBodyDecodesAndGetsTheEmptyResponse()
    {
        await using var receiver = await OtlpReceiver.StartAsync();

        using var response = await OtlpHttp.PostAsync(receiver, OtlpPaths.Traces, WireRequests.Traces("gzip-test", WireRequests.ServerSpan("zipped")), gzip: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-protobuf", response.Content.Headers.ContentType?.MediaType);
        // An ExportTraceServiceResponse without partial_success serializes to nothing.
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("zipped", Assert.Single(receiver.Spans).Name);
        var requests = await receiver.WaitForRequestsAsync(r => r.Count >= 1, ExporterOptions.Patience);
        Assert.Equal("gzip", Assert.Single(requests).ContentEncoding);
    }

    [Fact]
    public async Task RealExporterWithGzipCompressionDecodes()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        using var source = new ActivitySource("Alexandrite.UnitTests.HttpProtocol.Gzip");
        using var tracerProvider = Sdk.CreateTracerProviderBuilder()
            .AddSource(source.Name)
            .AddOtlpExporter(o =>
            {
                o.PointAt(receiver, OtlpPaths.Traces);
                o.Compression = OtlpExportCompression.GZip;
            })
            .Build();

        source.StartActivity("compressed")!.Stop();

        var spans = await receiver.WaitForSpansAsync(s => s.Count >= 1, ExporterOptions.Patience);
        Assert.Equal("compressed", Assert.Single(spans).Name);
        var requests = await receiver.WaitForRequestsAsync(r => r.Count >= 1, ExporterOptions.Patience);
        Assert.Equal("gzip", Assert.Single(requests).ContentEncoding);
    }

    [Theory]
    [InlineData(OtlpPaths.Traces, "ExportTraceServiceRequest")]
    [InlineData(OtlpPaths.Logs, "ExportLogsServiceRequest")]
    [InlineData(OtlpPaths.Metrics, "ExportMetricsServiceRequest")]
    public async Task UndecodableBodyIsABadRequestWithAStatusBody(string path, string expectedMessage)
    {
        await using var receiver = await OtlpReceiver.StartAsync();

        using var response = await OtlpHttp.PostAsync(receiver, path, Truncated);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var status = ErrorStatus.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains($"not a valid {expectedMessage}", status.Message, StringComparison.Ordinal);
        Assert.Empty(receiver.Spans);
        Assert.Empty(receiver.LogRecords);
        Assert.Empty(receiver.MetricPoints);
        Assert.Equal(400, Assert.Single(await receiver.WaitForRequestsAsync(r => r.Count >= 1, ExporterOptions.Patience)).StatusCode);
    }

    [Fact]
    public async Task BodyLabelledGzipButNotCompressedIsABadRequest()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var plain = WireRequests.Traces("gzip-test", WireRequests.ServerSpan("not zipped")).ToByteArray();

        using var response = await OtlpHttp.PostAsync(receiver, OtlpPaths.Traces, plain, contentEncoding: "gzip");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(receiver.Spans);
    }

    [Fact]
    public async Task BodyInflatingPastTheLimitIsTooLarge()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        // 65 MiB of zeros compress to about 64 KiB: small on the wire, over the 64 MiB limit once inflated.
        var bomb = OtlpHttp.Gzip(new byte[65 * 1024 * 1024]);

        using var response = await OtlpHttp.PostAsync(receiver, OtlpPaths.Logs, bomb, contentEncoding: "gzip");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(receiver.LogRecords);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    public async Task OtherContentTypesAreUnsupported(string contentType)
    {
        await using var receiver = await OtlpReceiver.StartAsync();

        using var response = await OtlpHttp.PostAsync(receiver, OtlpPaths.Traces, "{}"u8.ToArray(), contentType: contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains(contentType, ErrorStatus.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherContentEncodingsAreUnsupported()
    {
        await using var receiver = await OtlpReceiver.StartAsync();

        using var response = await OtlpHttp.PostAsync(receiver, OtlpPaths.Traces, [], contentEncoding: "br");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task ProtobufContentTypeParametersAreAccepted()
    {
        await using var receiver = await OtlpReceiver.StartAsync();

        using var response = await OtlpHttp.PostAsync(receiver, OtlpPaths.Traces, [], contentType: "application/x-protobuf; charset=utf-8");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task EmptyRequestSucceedsWithoutData()
    {
        // "If the server receives an empty request ... the server SHOULD respond with success."
        await using var receiver = await OtlpReceiver.StartAsync();

        using var response = await OtlpHttp.PostAsync(receiver, OtlpPaths.Metrics, []);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(receiver.MetricPoints);
    }

    [Fact]
    public async Task UnknownPathIsNotFound()
    {
        await using var receiver = await OtlpReceiver.StartAsync();

        using var response = await OtlpHttp.PostAsync(receiver, "/v1/profiles", []);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task OnlyPostIsAllowed()
    {
        await using var receiver = await OtlpReceiver.StartAsync();

        using var response = await OtlpHttp.SendAsync(receiver, HttpMethod.Get, OtlpPaths.Traces);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task ListensOnLoopbackWithAnOperatingSystemPort()
    {
        await using var receiver = await OtlpReceiver.StartAsync();

        Assert.Equal("http", receiver.Endpoint.Scheme);
        Assert.Equal(IPAddress.Loopback.ToString(), receiver.Endpoint.Host);
        Assert.NotEqual(0, receiver.Endpoint.Port);
        Assert.Equal("/", receiver.Endpoint.AbsolutePath);
    }
}
