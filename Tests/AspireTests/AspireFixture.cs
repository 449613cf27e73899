using System.Security.Cryptography;
using Alexandrite.Contracts;
using Microsoft.Extensions.Configuration;

namespace Alexandrite.AspireTests;

/// <summary>
/// The AppHost started once for the test run by Aspire.Hosting.Testing, as a user runs it: with its dashboard, its
/// infrastructure in the mode this machine can run (host processes without a container runtime, containers with
/// one), every resource awaited healthy. Everything it would otherwise generate and keep in the AppHost's user
/// secrets is passed as configuration instead (the secret parameters, the dashboard's API key), and the
/// infrastructure's data lives in a temporary folder deleted afterwards. Traces are read back from the dashboard.
/// </summary>
public sealed class AspireFixture : AlexandriteSystem, IAsyncLifetime
{
    /// <summary>Building the AppHost model.</summary>
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Starting everything (a container run pulls its images first on a fresh machine).</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Stopping the processes or containers.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly string _signingKey = NewSecret(32);
    private readonly string _dashboardApiKey = NewSecret(16);
    private readonly Dictionary<string, TestUser> _users = Roles.All.ToDictionary(
        role => role, role => new TestUser(role, NewSecret(12), role), StringComparer.Ordinal);

    private readonly DirectoryInfo _dataDirectory = Directory.CreateTempSubdirectory("alexandrite-apphost-");
    private DistributedApplication? _app;
    private ResourceLogs? _logs;
    private DashboardOrderTraces? _traces;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The AppHost is not started.");

    /// <summary>The dashboard's address (its telemetry API takes the AppHost:DashboardApiKey this fixture sets).</summary>
    public Uri DashboardUri { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var cancellation = new CancellationTokenSource(StartTimeout);
        var cancellationToken = cancellation.Token;

        var appHost = await DistributedApplicationTestingBuilder
            .CreateAsync<Projects.AppHost>(new DistributedApplicationTestingBuilderOptions { EnableDashboard = true }, [], cancellationToken)
            .WaitAsync(BuildTimeout, cancellationToken);

        // Added last, so these win over the AppHost's user secrets, where F5 keeps what it generated.
        appHost.Configuration.AddInMemoryCollection(Settings());
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
        dashboard.DefaultRequestHeaders.Add(DashboardOrderTraces.ApiKeyHeader, _dashboardApiKey);
        _traces = new DashboardOrderTraces(dashboard, ClientFor(ResourceNames.ShopApi));
        await ConnectClientsAsync();
    }

    /// <summary>The AppHost's parameters (Parameters:&lt;name&gt;), the dashboard's API key and the data folder.</summary>
    private Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Parameters:auth-signing-key"] = _signingKey,
            ["Parameters:pseudonym-key"] = NewSecret(32),
            ["Parameters:postgres-password"] = NewSecret(16),
            ["Parameters:storage-user"] = NewSecret(8),
            ["Parameters:storage-password"] = NewSecret(16),
            ["AppHost:DashboardApiKey"] = _dashboardApiKey,
            ["Infrastructure:DataDirectory"] = _dataDirectory.FullName,
        };
        foreach (var user in _users.Values)
        {
            settings[$"Parameters:{user.Role}-password"] = user.Password;
        }

        return settings;
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

            DeleteDataDirectory();
        }
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

    public override TestUser User(string role) => _users[role];

    public override string SigningKey => _signingKey;

    public override IOrderTraces Traces => _traces ?? throw new InvalidOperationException("The AppHost is not started.");

    public override string DescribeForFailure() => _logs is null ? "" : LogTails(_logs.Snapshot());

    private static string NewSecret(int bytes) => Convert.ToHexString(RandomNumberGenerator.GetBytes(bytes));
}

[CollectionDefinition(Name)]
public sealed class AspireCollection : ICollectionFixture<AspireFixture>
{
    public const string Name = "aspire";
}
