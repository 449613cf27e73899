using System.Globalization;
using Alexandrite.Contracts;
using Alexandrite.EndToEnd.Tests.Faces;
using Alexandrite.LocalRun;
using Alexandrite.LocalRun.Infrastructure;
using Alexandrite.Testing.Otlp;

namespace Alexandrite.EndToEnd.Tests;

/// <summary>
/// The system, started once for the whole test run: Postgres, RabbitMQ and S3 as private processes on free
/// ports, the four services exporting to an OTLP receiver (the "dashboard") and to a second receiver that
/// stands where Jaeger would be.
/// </summary>
public class SystemFixture : AlexandriteSystem, IAsyncLifetime
{
    /// <summary>Shop.Api's upload limit in these tests, small enough to exceed cheaply.</summary>
    public const long UploadLimitBytes = 8 * 1024 * 1024;

    /// <summary>Shipped orders close by themselves after this; long enough for a test to confirm receipt first.</summary>
    public static readonly TimeSpan AutoCloseAfter = TimeSpan.FromSeconds(8);

    /// <summary>
    /// The watchdog's limit for SUBMITTED: short, so a test sees an order reported stuck in seconds. An order
    /// priced more slowly elsewhere is reported too, which no other test minds (the watchdog only reports).
    /// </summary>
    public static readonly TimeSpan SubmittedLimit = TimeSpan.FromSeconds(3);

    /// <summary>Where the journey's Jaeger links point (nothing listens there; the dashboard link stays unset).</summary>
    public const string JaegerUrl = "http://127.0.0.1:16686";

    private string? _dataDirectory;
    private IOrderTraces _traces = null!;

    /// <summary>Settings every service gets on top of these, for a fixture that runs the system differently.</summary>
    protected virtual IReadOnlyDictionary<string, string?> ExtraSharedSettings => new Dictionary<string, string?>();

    public LocalSystem System { get; private set; } = null!;

    /// <summary>The primary OTLP destination (OTEL_EXPORTER_OTLP_ENDPOINT), as the Aspire dashboard is.</summary>
    public OtlpReceiver Telemetry { get; private set; } = null!;

    /// <summary>The second destination (Telemetry__Jaeger__Endpoint): traces only.</summary>
    public OtlpReceiver Jaeger { get; private set; } = null!;

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
            }.Concat(ExtraSharedSettings).ToDictionary(),
            ServiceEnvironment = new Dictionary<string, IReadOnlyDictionary<string, string?>>
            {
                [ResourceNames.ShopApi] = new Dictionary<string, string?>
                {
                    ["Upload__MaxBytes"] = UploadLimitBytes.ToString(CultureInfo.InvariantCulture),
                },
                [ResourceNames.MesApi] = new Dictionary<string, string?>
                {
                    // 1 simulated second = 20 ms: a 12-triangle cube prices in 0.2 s, a 100k-triangle sphere in about 4 s.
                    ["Pricing__TimeScale"] = "0.02",
                    ["Pricing__CheckpointInterval"] = "00:00:00.250",
                    ["Pricing__PollInterval"] = "00:00:00.100",
                },
                [ResourceNames.CrmApi] = new Dictionary<string, string?>
                {
                    ["Approvals__AutoApproveLimit"] = "1000",
                    ["Closing__AutoCloseAfter"] = AutoCloseAfter.ToString(),
                    ["Closing__CheckInterval"] = "00:00:00.500",
                    ["Watchdog__Limits__SUBMITTED"] = SubmittedLimit.ToString(),
                    ["Watchdog__CheckInterval"] = "00:00:00.500",
                    ["Journey__JaegerUrl"] = JaegerUrl,
                },
            },
        };

        System = await LocalSystem.StartAsync(options);
        _traces = new ReceiverOrderTraces(Telemetry);
        await ConnectClientsAsync();
    }

    public async Task DisposeAsync()
    {
        DisposeClients();

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

    public override Uri ServiceUri(string resourceName) => System.GetServiceUri(resourceName);

    public override TestUser User(string role)
    {
        var user = System.Options.Credentials.User(role);
        return new TestUser(user.Name, user.Password, user.Role);
    }

    public override string SigningKey => System.Options.Credentials.SigningKey;

    public override IOrderTraces Traces => _traces;

    /// <summary>The last lines of each service's log (the logs go with the temporary folder at the end of the run).</summary>
    public override string DescribeForFailure()
    {
        var logs = Path.Combine(_dataDirectory ?? "", "logs");
        return !Directory.Exists(logs)
            ? ""
            : LogTails(Directory.EnumerateFiles(logs, "*.log").Select(file => (Path.GetFileName(file), (IEnumerable<string>)ReadShared(file))));
    }

    /// <summary>A log file's lines while its service still writes to it.</summary>
    private static string[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n');
    }
}

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "system";
}
