using Alexandrite.Testing.Otlp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Alexandrite.UnitTests.ServiceDefaults;

/// <summary>Small web applications on 127.0.0.1 and a free port, for tests that need a real service or peer.</summary>
internal static class LoopbackApps
{
    /// <summary>Maps the endpoints with <paramref name="map"/> and starts the application on a free loopback port.</summary>
    public static async Task<WebApplication> StartAsync(WebApplicationBuilder builder, Action<WebApplication> map)
    {
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        try
        {
            map(app);
            await app.StartAsync();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A service built on the service defaults in <paramref name="environment"/>, its traces sent to
    /// <paramref name="receiver"/> (the second destination's settings, which are configuration, not the process-wide
    /// OTEL_* variables), every trace kept, plus any <paramref name="settings"/>.
    /// </summary>
    public static WebApplicationBuilder ServiceBuilder(string environment, OtlpReceiver receiver, IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_SERVICE_NAME"] = $"test-{environment}",
            ["Telemetry:Jaeger:Endpoint"] = receiver.Endpoint.ToString(),
            ["Telemetry:Jaeger:Protocol"] = "http/protobuf",
            ["Telemetry:Sampling:Ratio"] = "1",
            ["Telemetry:PseudonymKey"] = "a-test-pseudonym-key-of-some-length",
        }.Concat(settings ?? new Dictionary<string, string?>()).GroupBy(setting => setting.Key).Select(group => group.Last()));
        builder.AddServiceDefaults();
        return builder;
    }

    /// <summary>A port free on loopback now, for a listener the test does not bind itself.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The app's own address: the one bound on 127.0.0.1 (a Prometheus scrape port, when set, is on localhost).</summary>
    public static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses
            .Single(address => address.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)));
}

/// <summary>
/// Tests that start a service on the service defaults run alone: its tracer provider listens to every
/// "Alexandrite.*" source in the process, and its scrubber edits the spans other tests make and export themselves.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServiceDefaultsHostCollection
{
    public const string Name = "service defaults host";
}
