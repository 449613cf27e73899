using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using Alexandrite.Testing.Otlp;
using Alexandrite.Testing.Otlp.Wire;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using static Alexandrite.UnitTests.Otlp.WireRequests;

namespace Alexandrite.UnitTests.Otlp;

/// <summary>
/// The receiver passes each accepted request on to an OTLP/gRPC endpoint (the end-to-end tests' dashboard) as a
/// unary gRPC call: the right method, the message framed, the configured headers; a refusal is kept for the
/// failure message. The endpoint here is a bare HTTP/2 server that records what it gets.
/// </summary>
public sealed class GrpcForwardingTests
{
    [Fact]
    public async Task An_accepted_export_reaches_the_grpc_endpoint_framed_with_its_headers()
    {
        await using var endpoint = await GrpcEndpoint.StartAsync(grpcStatus: "0");
        using var forwarder = new OtlpGrpcForwarder();
        forwarder.SetDestination(endpoint.Address, "x-otlp-api-key=secret%3Dkey,other = value");
        await using var receiver = await OtlpReceiver.StartAsync(forwarder);
        var request = Traces("forwarded", ServerSpan("GET /"));

        using var response = await OtlpHttp.PostAsync(receiver, OtlpPaths.Traces, request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(endpoint.Calls);
        Assert.Equal("/opentelemetry.proto.collector.trace.v1.TraceService/Export", call.Path);
        Assert.Equal("application/grpc", call.ContentType);
        Assert.Equal("secret=key", call.Headers["x-otlp-api-key"]);
        Assert.Equal("value", call.Headers["other"]);
        Assert.Equal(0, call.Body[0]);
        Assert.Equal((uint)(call.Body.Length - 5), BinaryPrimitives.ReadUInt32BigEndian(call.Body.AsSpan(1, 4)));
        Assert.Equal(request.ToByteArray(), call.Body[5..]);
        Assert.Empty(forwarder.Failures);
    }

    [Fact]
    public async Task A_refused_forward_is_kept_and_the_exporter_still_gets_its_answer()
    {
        await using var endpoint = await GrpcEndpoint.StartAsync(grpcStatus: "16");
        using var forwarder = new OtlpGrpcForwarder();
        forwarder.SetDestination(endpoint.Address, headers: null);
        await using var receiver = await OtlpReceiver.StartAsync(forwarder);

        using var response = await OtlpHttp.PostAsync(receiver, OtlpPaths.Logs, new ExportLogsServiceRequest());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/opentelemetry.proto.collector.logs.v1.LogsService/Export", Assert.Single(endpoint.Calls).Path);
        Assert.Contains("grpc-status 16", Assert.Single(forwarder.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_destination_nothing_is_forwarded()
    {
        await using var endpoint = await GrpcEndpoint.StartAsync(grpcStatus: "0");
        using var forwarder = new OtlpGrpcForwarder();
        await using var receiver = await OtlpReceiver.StartAsync(forwarder);

        using var response = await OtlpHttp.PostAsync(receiver, OtlpPaths.Metrics, new ExportMetricsServiceRequest());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(endpoint.Calls);
        Assert.Empty(forwarder.Failures);
    }

    private sealed record GrpcCall(string Path, string? ContentType, IReadOnlyDictionary<string, string> Headers, byte[] Body);

    /// <summary>HTTP/2 without TLS on loopback, answering every call with the given grpc-status trailer.</summary>
    private sealed class GrpcEndpoint(WebApplication app, Uri address, ConcurrentQueue<GrpcCall> calls) : IAsyncDisposable
    {
        public Uri Address { get; } = address;

        public IReadOnlyCollection<GrpcCall> Calls => calls;

        public static async Task<GrpcEndpoint> StartAsync(string grpcStatus)
        {
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
                kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
            var app = builder.Build();
            var calls = new ConcurrentQueue<GrpcCall>();
            app.Run(async context =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                calls.Enqueue(new GrpcCall(
                    context.Request.Path.Value ?? "",
                    context.Request.ContentType,
                    context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                    body.ToArray()));
                context.Response.ContentType = "application/grpc";
                context.Response.AppendTrailer("grpc-status", grpcStatus);
            });
            await app.StartAsync();
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
            return new GrpcEndpoint(app, address, calls);
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
