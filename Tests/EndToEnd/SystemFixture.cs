using Alexandrite.Contracts;
using Alexandrite.LocalRun;
using Alexandrite.LocalRun.Infrastructure;
using Alexandrite.Testing.Otlp;

namespace Alexandrite.EndToEnd.Tests;

/// <summary>
/// The system, started once for the whole test run: Postgres, RabbitMQ and S3 as private processes on free
/// ports, the four services exporting to an OTLP receiver (the "dashboard") and to a second receiver that
/// stands where Jaeger would be.
/// </summary>
public sealed class SystemFixture : IAsyncLifetime
{
    private string? _dataDirectory;

    public LocalSystem System { get; private set; } = null!;

    /// <summary>The primary OTLP destination (OTEL_EXPORTER_OTLP_ENDPOINT), as the Aspire dashboard is.</summary>
    public OtlpReceiver Telemetry { get; private set; } = null!;

    /// <summary>The second destination (Telemetry__Jaeger__Endpoint): traces only.</summary>
    public OtlpReceiver Jaeger { get; private set; } = null!;

    public HttpClient ShopApi { get; private set; } = null!;

    public HttpClient MesApi { get; private set; } = null!;

    public HttpClient CrmApi { get; private set; } = null!;

    public HttpClient ShopWeb { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Telemetry = await OtlpReceiver.StartAsync();
        Jaeger = await OtlpReceiver.StartAsync();
        _dataDirectory = DataRoot.CreateTemporary("alexandrite-e2e-");
        var options = LocalSystemOptions.WithFreePorts(RepositoryRoot.Find(), _dataDirectory) with
        {
            SharedEnvironment = new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Telemetry.Endpoint.ToString(),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["Telemetry__Jaeger__Endpoint"] = Jaeger.Endpoint.ToString(),
                ["Telemetry__Jaeger__Protocol"] = "http/protobuf",
            },
        };

        System = await LocalSystem.StartAsync(options);
        ShopApi = ClientFor(ResourceNames.ShopApi);
        MesApi = ClientFor(ResourceNames.MesApi);
        CrmApi = ClientFor(ResourceNames.CrmApi);
        ShopWeb = ClientFor(ResourceNames.ShopWeb);
    }

    public async Task DisposeAsync()
    {
        foreach (var client in new[] { ShopApi, MesApi, CrmApi, ShopWeb })
        {
            client?.Dispose();
        }

        if (System is not null)
        {
            await System.DisposeAsync();
        }

        await Telemetry.DisposeAsync();
        await Jaeger.DisposeAsync();
        if (_dataDirectory is not null)
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    public HttpClient ClientFor(string resourceName) => new() { BaseAddress = System.GetServiceUri(resourceName), Timeout = TimeSpan.FromSeconds(30) };
}

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "system";
}
