using System.Diagnostics;
using System.Globalization;
using System.Net;
using Alexandrite.ServiceDefaults.Telemetry;
using Alexandrite.Testing.Otlp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;

namespace Alexandrite.UnitTests.ServiceDefaults;

/// <summary>
/// OTEL_SDK_DISABLED=true is how telemetry is measured off: the OpenTelemetry SDK (1.15 and later) then builds no-op
/// providers, so with the service defaults nothing listens to the services' activity sources, no log record reaches a
/// processor, the exception-event listener is not started and the Prometheus scrape port is not opened, while the
/// service answers and its health endpoint too. The same service with the variable unset is the control: each
/// assertion holds only because telemetry is off.
/// </summary>
[Collection(ServiceDefaultsHostCollection.Name)]
public sealed partial class SdkDisabledTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task With_OTEL_SDK_DISABLED_the_service_answers_and_records_no_telemetry(bool disabled)
    {
        var prometheusPort = LoopbackApps.FreePort();
        await using var receiver = await OtlpReceiver.StartAsync();
        var builder = LoopbackApps.ServiceBuilder(Environments.Production, receiver, new Dictionary<string, string?>
        {
            ["OTEL_SDK_DISABLED"] = disabled ? "true" : null,
            ["Telemetry:Prometheus:Port"] = prometheusPort.ToString(CultureInfo.InvariantCulture),
        });
        var spans = new Counting<Activity>();
        var logs = new Counting<LogRecord>();
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(spans));
        builder.Services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddProcessor(logs));
        await using var app = await LoopbackApps.StartAsync(builder, app =>
        {
            app.MapGet("/work", (ILogger<SdkDisabledTests> logger) =>
            {
                using var span = AlexandriteTelemetry.Orders.StartActivity("Work");
                WorkDone(logger);
                return Results.Ok();
            });
            app.MapDefaultEndpoints();
        });
        using var client = new HttpClient { BaseAddress = LoopbackApps.Address(app) };

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/work")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Extensions.HealthEndpointPath)).StatusCode);

        using (var alexandrite = new ActivitySource(TelemetrySources.AlexandritePrefix + ".Tests.SdkDisabled"))
        using (var aspNetCore = new ActivitySource("Microsoft.AspNetCore"))
        {
            Assert.Equal(!disabled, alexandrite.HasListeners());
            Assert.Equal(!disabled, aspNetCore.HasListeners());
        }

        Assert.Equal(disabled, spans.Count == 0);
        Assert.Equal(disabled, logs.Count == 0);
        Assert.Equal(disabled, !app.Services.GetServices<IHostedService>().OfType<HandledExceptionEvents>().Any());
        Assert.Equal(!disabled, await AnswersAsync(prometheusPort));
    }

    private static async Task<bool> AnswersAsync(int port)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            using var response = await client.GetAsync($"http://localhost:{port}/metrics");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Work done")]
    private static partial void WorkDone(ILogger logger);

    private sealed class Counting<T> : BaseProcessor<T>
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override void OnEnd(T data) => Interlocked.Increment(ref _count);
    }
}
