using Alexandrite.Testing.AppHost;
using Alexandrite.Testing.Otlp;

namespace Alexandrite.AspireTests.Hosting;

/// <summary>
/// The AppHost started once for the test run by Aspire.Hosting.Testing, as a user runs it: with its dashboard, its
/// infrastructure in the mode this machine can run (host processes without a container runtime, containers with
/// one), every resource awaited healthy. Everything it would otherwise generate and keep in the AppHost's user
/// secrets is passed as configuration instead (the secret parameters, the dashboard's API key), and the
/// infrastructure's data lives in a temporary folder deleted afterwards.
/// </summary>
/// <remarks>
/// What the tests change, they change through the testing builder: the services' settings (<see cref="TestSettings"/>,
/// plus <see cref="ExtraSharedSettings"/> for a fixture that runs the system differently), their OTLP exporter (to
/// <see cref="Telemetry"/>, which passes everything on to the dashboard) and the second trace destination (the AppHost's
/// Telemetry:Jaeger:* settings, to <see cref="Jaeger"/>). Order traces are read back from the dashboard's API.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xUnit ends a fixture's life with IAsyncLifetime.DisposeAsync, which disposes everything.")]
public class AspireFixture : AlexandriteSystem, IAsyncLifetime
{
    /// <summary>Building the AppHost model.</summary>
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Starting everything (a container run pulls its images first on a fresh machine).</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Stopping the processes or containers.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Every secret parameter and the sign-in users' passwords, fresh for this run (shared with the benchmark's load driver).</summary>
    private readonly AppHostSecrets _secrets = new();

    /// <summary>The secret Alertmanager authenticates to support's alert inbox with (the alert-inbox-secret parameter).</summary>
    public string AlertInboxSecret => _secrets.AlertInboxSecret;

    private readonly DirectoryInfo _dataDirectory = Directory.CreateTempSubdirectory("alexandrite-apphost-");
    private readonly OtlpGrpcForwarder _dashboardForwarder = new();
    private DistributedApplication? _app;
    private ResourceLogs? _logs;
    private DashboardOrderTraces? _traces;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The AppHost is not started.");

    /// <summary>The dashboard's address (its telemetry API takes the AppHost:DashboardApiKey this fixture sets).</summary>
    public Uri DashboardUri { get; private set; } = null!;

    /// <summary>Everything the services export (OTEL_EXPORTER_OTLP_ENDPOINT), passed on to the dashboard as well.</summary>
    public OtlpReceiver Telemetry { get; private set; } = null!;

    /// <summary>The second destination (the AppHost's Telemetry:Jaeger:Endpoint): traces only.</summary>
    public OtlpReceiver Jaeger { get; private set; } = null!;

    /// <summary>Settings every service gets on top of <see cref="TestSettings"/>, for a fixture that runs the system differently.</summary>
    protected virtual IReadOnlyDictionary<string, string> ExtraSharedSettings => new Dictionary<string, string>();

    /// <summary>The AppHost's own settings on top of the usual ones (Scale:Instances:mes-api), for a fixture that runs the system differently.</summary>
    protected virtual IReadOnlyDictionary<string, string> ExtraAppHostSettings => new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        using var cancellation = new CancellationTokenSource(StartTimeout);
        var cancellationToken = cancellation.Token;
        Telemetry = await OtlpReceiver.StartAsync(_dashboardForwarder, cancellationToken);
        Jaeger = await OtlpReceiver.StartAsync(cancellationToken: cancellationToken);

        // As arguments, so the AppHost sees them while it builds its model (and they win over its user secrets, where
        // F5 keeps what it generated); configuration added after CreateAsync reaches only what is read later.
        var appHost = await DistributedApplicationTestingBuilder
            .CreateAsync<Projects.AppHost>(new DistributedApplicationTestingBuilderOptions { EnableDashboard = true }, Arguments(), cancellationToken)
            .WaitAsync(BuildTimeout, cancellationToken);
        foreach (var project in appHost.Resources.OfType<ProjectResource>().ToList())
        {
            var service = appHost.CreateResourceBuilder(project);
            foreach (var (key, value) in TestSettings.For(ServiceOf(project.Name)).Concat(ExtraSharedSettings))
            {
                service.WithEnvironment(key, value);
            }

            service.WithTelemetryThrough(Telemetry, _dashboardForwarder);
        }

        _app = await appHost.BuildAsync(cancellationToken).WaitAsync(BuildTimeout, cancellationToken);
        try
        {
            try
            {
                await _app.StartAsync(cancellationToken).WaitAsync(StartTimeout, cancellationToken);
            }
            finally
            {
                // Once started, each resource's logs are known by its orchestrator's instance name (postgres-xyz);
                // the lines written before the watch begins are kept for it.
                _logs = ResourceLogs.Capture(_app, Path.Combine(AppContext.BaseDirectory, "aspire-logs"));
            }

            // Everything with a health check: the infrastructure (and its databases) and the four services.
            var resources = _app.Services.GetRequiredService<DistributedApplicationModel>().Resources
                .Where(resource => resource.Annotations.OfType<HealthCheckAnnotation>().Any())
                .Select(resource => resource.Name);
            await Task.WhenAll(resources.Select(resource =>
                _app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cancellationToken))).WaitAsync(StartTimeout, cancellationToken);
            DashboardUri = new Uri((await _app.GetDashboardUrlAsync(cancellationToken).WaitAsync(StartTimeout, cancellationToken)).GetLeftPart(UriPartial.Authority));
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException or DistributedApplicationException)
        {
            throw new InvalidOperationException($"The AppHost did not become healthy.\n{DescribeForFailure()}", exception);
        }

        var dashboard = Keep(new HttpClient { BaseAddress = DashboardUri, Timeout = RequestTimeout });
        dashboard.DefaultRequestHeaders.Add(DashboardOrderTraces.ApiKeyHeader, _secrets.DashboardApiKey);
        await ConnectClientsAsync();
        _traces = new DashboardOrderTraces(dashboard, ShopApiForSupport);
    }

    /// <summary>
    /// The AppHost's parameters and the dashboard's API key (<see cref="AppHostSecrets"/>), the data folder, the second
    /// trace destination, the monitoring's intervals, the watchdog's settings and a fixture's own, as key=value arguments.
    /// </summary>
    private string[] Arguments()
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Infrastructure:DataDirectory"] = _dataDirectory.FullName,
            ["Telemetry:Jaeger:Endpoint"] = Jaeger.Endpoint.ToString(),
            ["Telemetry:Jaeger:Protocol"] = "http/protobuf",
            ["Telemetry:Jaeger:UiUrl"] = TestSettings.JaegerUrl,
            ["Monitoring:ScrapeInterval"] = TestSettings.ScrapeInterval.ToString(),
            ["Monitoring:AlertGroupWait"] = TestSettings.AlertGrouping.ToString(),
            ["Monitoring:AlertGroupInterval"] = TestSettings.AlertGrouping.ToString(),
        };
        foreach (var (key, value) in TestSettings.AppHostWatchdog.Concat(ExtraAppHostSettings))
        {
            settings[key] = value;
        }

        return _secrets.Arguments(settings);
    }

    public async Task DisposeAsync()
    {
        DisposeClients();
        try
        {
            if (_app is not null)
            {
                await _app.StopAsync().WaitAsync(StopTimeout);
            }
        }
        finally
        {
            // Whatever stopping did, the processes and the log watchers go.
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }

            if (_logs is not null)
            {
                await _logs.DisposeAsync();
            }

            await DisposeReceiversAsync();
            DeleteDataDirectory();
        }
    }

    private async Task DisposeReceiversAsync()
    {
        if (Telemetry is not null)
        {
            await Telemetry.DisposeAsync();
        }

        if (Jaeger is not null)
        {
            await Jaeger.DisposeAsync();
        }

        _dashboardForwarder.Dispose();
    }

    /// <summary>Postgres wrote part of the data folder as user postgres; root deletes it all the same.</summary>
    private void DeleteDataDirectory()
    {
        try
        {
            _dataDirectory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A server still flushing its last file: the temporary folder is the system's to clean.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public override Uri ServiceUri(string resourceName) => App.GetEndpoint(resourceName, "http");

    public override TestUser User(string name)
    {
        var user = _secrets.Users[name];
        return new TestUser(user.Name, user.Password, user.Role);
    }

    public override string SigningKey => _secrets.SigningKey;

    public override IOrderTraces Traces => _traces ?? throw new InvalidOperationException("The AppHost is not started.");

    /// <summary>The last lines of each resource's console output, and whatever went wrong passing telemetry to the dashboard.</summary>
    /// <summary>What <paramref name="resourceName"/> has written to its console so far.</summary>
    public IReadOnlyList<string> LogLines(string resourceName) =>
        _logs?.Snapshot().Where(log => log.Name == resourceName).SelectMany(log => log.Lines).ToList() ?? [];

    public override string DescribeForFailure() =>
        (_logs is null ? "" : LogTails(_logs.Snapshot()))
        + (_dashboardForwarder.Failures.Count == 0 ? "" : $"\n--- telemetry not passed on to the dashboard\n{string.Join('\n', _dashboardForwarder.Failures.TakeLast(FailureLogLines))}");

    /// <summary>The name the orchestrator and the dashboard give the running <paramref name="resourceName"/> (shop-api-xyz).</summary>
    public string ResourceInstanceName(string resourceName) =>
        App.ResourceNotifications.TryGetCurrentState(resourceName, out var current)
            ? current.ResourceId
            : throw new InvalidOperationException($"{resourceName} has no state.");

    /// <summary>A connection string as the services get it (ConnectionStrings__&lt;name&gt;), for a test that checks the data itself.</summary>
    public async Task<string> ConnectionStringAsync(string resourceName) =>
        await App.GetConnectionStringAsync(resourceName).AsTask().WaitAsync(RequestTimeout)
        ?? throw new InvalidOperationException($"{resourceName} has no connection string.");

    /// <summary>
    /// A connection to <paramref name="database"/> (shopdb, mesdb), opened, as a person with psql would have one: a new
    /// one each time, never from a pool. Tests stop and kill Postgres; a pooled connection to the server that is gone
    /// answered the next test with 57P01 (terminating connection due to unexpected postmaster exit).
    /// </summary>
    public async Task<Npgsql.NpgsqlConnection> OpenDatabaseAsync(string database)
    {
        var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(await ConnectionStringAsync(database)) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>The service a resource runs: a further instance (mes-api-2) gets its service's settings.</summary>
    private static string ServiceOf(string resourceName) => System.Text.RegularExpressions.Regex.Replace(resourceName, "-[0-9]+$", "");
}

/// <summary>The tests that share the AppHost as <see cref="AspireFixture"/> runs it.</summary>
[CollectionDefinition(Name)]
public sealed class AspireCollection : ICollectionFixture<AspireFixture>
{
    public const string Name = "aspire";
}
