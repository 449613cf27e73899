using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Alexandrite.LocalRun.Services;
using Alexandrite.ServiceDefaults.Security;
using Microsoft.Extensions.Options;
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
public class SystemFixture : IAsyncLifetime
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

    /// <summary>Settings every service gets on top of these, for a fixture that runs the system differently.</summary>
    protected virtual IReadOnlyDictionary<string, string?> ExtraSharedSettings => new Dictionary<string, string?>();

    public LocalSystem System { get; private set; } = null!;

    /// <summary>The primary OTLP destination (OTEL_EXPORTER_OTLP_ENDPOINT), as the Aspire dashboard is.</summary>
    public OtlpReceiver Telemetry { get; private set; } = null!;

    /// <summary>The second destination (Telemetry__Jaeger__Endpoint): traces only.</summary>
    public OtlpReceiver Jaeger { get; private set; } = null!;

    public HttpClient ShopApi { get; private set; } = null!;

    public HttpClient MesApi { get; private set; } = null!;

    public HttpClient CrmApi { get; private set; } = null!;

    /// <summary>Shop.Web as a browser signed in as the development customer (its cookie kept).</summary>
    public HttpClient ShopWeb { get; private set; } = null!;

    /// <summary>Mes.Api as the operator "operator" (a fresh access token on every request).</summary>
    public HttpClient Operator { get; private set; } = null!;

    /// <summary>Crm.Api as the manager "manager".</summary>
    public HttpClient Manager { get; private set; } = null!;

    /// <summary>Crm.Api as the customer "customer".</summary>
    public HttpClient Customer { get; private set; } = null!;

    /// <summary>Access tokens signed with this run's key, as Shop.Web issues them.</summary>
    public AccessTokens Tokens { get; private set; } = null!;

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
        ShopApi = ClientFor(ResourceNames.ShopApi);
        MesApi = ClientFor(ResourceNames.MesApi);
        CrmApi = ClientFor(ResourceNames.CrmApi);
        ShopWeb = await SignedInBrowserAsync(Roles.Customer);
        Tokens = new AccessTokens(Options.Create(new AccessTokenOptions { SigningKey = System.Options.Credentials.SigningKey }), TimeProvider.System);
        Operator = SignedInClientFor(ResourceNames.MesApi, "operator", Roles.Operator);
        Manager = SignedInClientFor(ResourceNames.CrmApi, "manager", Roles.Manager);
        Customer = SignedInClientFor(ResourceNames.CrmApi, "customer", Roles.Customer);
    }

    public async Task DisposeAsync()
    {
        foreach (var client in new[] { ShopApi, MesApi, CrmApi, ShopWeb, Operator, Manager, Customer })
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

    /// <summary>A browser-like client for Shop.Web, signed in as the development user with <paramref name="role"/>.</summary>
    public async Task<HttpClient> SignedInBrowserAsync(string role, bool followRedirects = true)
    {
        var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = followRedirects, CookieContainer = new CookieContainer() })
        {
            BaseAddress = System.GetServiceUri(ResourceNames.ShopWeb),
            Timeout = TimeSpan.FromSeconds(30),
        };
        await ShopWebForms.SignInAsync(browser, System.Options.Credentials.User(role));
        return browser;
    }

    /// <summary>A client whose every request carries an access token for <paramref name="user"/> in <paramref name="role"/>.</summary>
    public HttpClient SignedInClientFor(string resourceName, string user, string role) =>
        new(new SignedInHandler(Tokens, user, role)) { BaseAddress = System.GetServiceUri(resourceName), Timeout = TimeSpan.FromSeconds(30) };

    private sealed class SignedInHandler(AccessTokens tokens, string user, string role) : DelegatingHandler(new HttpClientHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Create(user, role));
            return base.SendAsync(request, cancellationToken);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "system";
}
