using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Alexandrite.Testing.Otlp;

/// <summary>
/// An in-process OTLP/HTTP receiver for tests: point a service's exporter at
/// <see cref="Endpoint"/> (OTEL_EXPORTER_OTLP_ENDPOINT with OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf)
/// and query the spans, log records and metric points it sends.
/// </summary>
/// <remarks>
/// Serves POST <see cref="OtlpPaths.Traces"/>, <see cref="OtlpPaths.Logs"/> and
/// <see cref="OtlpPaths.Metrics"/> with Content-Type application/x-protobuf, optionally
/// gzip-encoded, on 127.0.0.1 and a free port. It logs nothing.
/// Spec: https://opentelemetry.io/docs/specs/otlp/#otlphttp
/// </remarks>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ReceivedTelemetry _telemetry;

    private OtlpReceiver(WebApplication app, ReceivedTelemetry telemetry, Uri endpoint)
    {
        _app = app;
        _telemetry = telemetry;
        Endpoint = endpoint;
    }

    /// <summary>
    /// The base address, e.g. <c>http://127.0.0.1:41234/</c>. Exporters given it through
    /// OTEL_EXPORTER_OTLP_ENDPOINT append <c>v1/traces</c> etc. themselves; an exporter whose
    /// Endpoint is set in code uses it verbatim, so give it <c>new Uri(Endpoint, OtlpPaths.Traces)</c>.
    /// </summary>
    public Uri Endpoint { get; }

    /// <summary>Every span received so far, in arrival order; a snapshot that later data does not change.</summary>
    public IReadOnlyList<ReceivedSpan> Spans => _telemetry.Spans.Snapshot;

    /// <summary>Every log record received so far, in arrival order; a snapshot.</summary>
    public IReadOnlyList<ReceivedLogRecord> LogRecords => _telemetry.LogRecords.Snapshot;

    /// <summary>Every metric data point received so far, in arrival order; a snapshot.</summary>
    public IReadOnlyList<ReceivedMetricPoint> MetricPoints => _telemetry.MetricPoints.Snapshot;

    /// <summary>
    /// Every HTTP request answered so far, including rejected ones; a snapshot. A request is recorded after its
    /// answer is written, so wait with <see cref="WaitForRequestsAsync"/> rather than reading this right after.
    /// </summary>
    public IReadOnlyList<ReceivedExportRequest> Requests => _telemetry.Requests.Snapshot;

    /// <summary>
    /// Starts a receiver on 127.0.0.1 and a port the operating system picks; with a <paramref name="forwarder"/>, each
    /// request it accepts is passed on before it is answered.
    /// </summary>
    public static async Task<OtlpReceiver> StartAsync(IOtlpForwarder? forwarder = null, CancellationToken cancellationToken = default)
    {
        // The empty builder has no configuration sources and no logging providers: no console
        // noise, and no ASPNETCORE_URLS from the test environment can move the listener.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestBodySize = RequestBodyReader.MaxBodyBytes;
        });

        var app = builder.Build();
        var telemetry = new ReceivedTelemetry();
        app.Run(new OtlpHttpHandler(telemetry, forwarder).HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features
                .GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            return new OtlpReceiver(app, telemetry, new Uri(address));
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> holds for the spans received so far and returns
    /// that snapshot; the condition is re-evaluated whenever spans arrive.
    /// </summary>
    /// <exception cref="TimeoutException">
    /// The condition did not hold within <paramref name="timeout"/>; the message counts the
    /// spans that did arrive by service, kind and name.
    /// </exception>
    public Task<IReadOnlyList<ReceivedSpan>> WaitForSpansAsync(
        Func<IReadOnlyList<ReceivedSpan>, bool> condition,
        TimeSpan timeout,
        CancellationToken cancellationToken = default) =>
        _telemetry.Spans.WaitAsync(condition, timeout, cancellationToken);

    /// <summary>Like <see cref="WaitForSpansAsync"/>, for log records (summarized by service, scope and severity).</summary>
    /// <exception cref="TimeoutException">The condition did not hold within <paramref name="timeout"/>.</exception>
    public Task<IReadOnlyList<ReceivedLogRecord>> WaitForLogRecordsAsync(
        Func<IReadOnlyList<ReceivedLogRecord>, bool> condition,
        TimeSpan timeout,
        CancellationToken cancellationToken = default) =>
        _telemetry.LogRecords.WaitAsync(condition, timeout, cancellationToken);

    /// <summary>Like <see cref="WaitForSpansAsync"/>, for metric points (summarized by service, kind and metric name).</summary>
    /// <exception cref="TimeoutException">The condition did not hold within <paramref name="timeout"/>.</exception>
    public Task<IReadOnlyList<ReceivedMetricPoint>> WaitForMetricPointsAsync(
        Func<IReadOnlyList<ReceivedMetricPoint>, bool> condition,
        TimeSpan timeout,
        CancellationToken cancellationToken = default) =>
        _telemetry.MetricPoints.WaitAsync(condition, timeout, cancellationToken);

    /// <summary>Like <see cref="WaitForSpansAsync"/>, for HTTP requests (summarized by method, path and status).</summary>
    /// <exception cref="TimeoutException">The condition did not hold within <paramref name="timeout"/>.</exception>
    public Task<IReadOnlyList<ReceivedExportRequest>> WaitForRequestsAsync(
        Func<IReadOnlyList<ReceivedExportRequest>, bool> condition,
        TimeSpan timeout,
        CancellationToken cancellationToken = default) =>
        _telemetry.Requests.WaitAsync(condition, timeout, cancellationToken);

    /// <summary>
    /// Every distinct non-empty string in every accepted export request of every signal: names,
    /// attribute keys and values at any depth (bytes values decoded as UTF-8), event and link
    /// attributes, status messages, trace state, resource and scope attributes, log bodies and
    /// severity texts, metric names, descriptions and units, data point and exemplar attributes.
    /// Meant for proving a canary value (e.g. planted PII) never left a service. Request
    /// headers and bodies that failed to decode are not included.
    /// </summary>
    public IEnumerable<string> AllStrings() => _telemetry.AllStrings();

    /// <summary>Forgets everything received so far, so a test can look only at what follows.</summary>
    public void Clear() => _telemetry.Clear();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
