using System.Security.Cryptography;
using Alexandrite.Contracts;
using Microsoft.Extensions.Configuration;

namespace Alexandrite.AspireTests;

/// <summary>
/// The AppHost started once for the test run by Aspire.Hosting.Testing, with its containers, every project
/// awaited healthy. The secrets the tests need (the access-token key and the users' passwords) are passed as the
/// AppHost's parameters; traces are read back from Jaeger, which every service exports to.
/// </summary>
public sealed class AspireFixture : AlexandriteSystem, IAsyncLifetime
{
    /// <summary>Building the AppHost model.</summary>
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Starting everything, container image pulls included on a fresh machine.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Stopping the containers and processes.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private static readonly string[] AwaitedResources =
        ["jaeger", ResourceNames.ShopApi, ResourceNames.MesApi, ResourceNames.CrmApi, ResourceNames.ShopWeb];

    private readonly string _signingKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
    private readonly Dictionary<string, TestUser> _users = Roles.All.ToDictionary(
        role => role, role => new TestUser(role, Convert.ToHexString(RandomNumberGenerator.GetBytes(12)), role), StringComparer.Ordinal);

    private DistributedApplication? _app;
    private ResourceLogs? _logs;
    private JaegerOrderTraces? _traces;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The AppHost is not started.");

    public async Task InitializeAsync()
    {
        using var cancellation = new CancellationTokenSource(StartTimeout);
        var cancellationToken = cancellation.Token;

        // Parameters:<name> is where the AppHost's parameters are read from (secret or not).
        var parameters = new Dictionary<string, string?> { ["Parameters:auth-signing-key"] = _signingKey };
        foreach (var user in _users.Values)
        {
            parameters[$"Parameters:{user.Role}-password"] = user.Password;
        }

        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>([], cancellationToken)
            .WaitAsync(BuildTimeout, cancellationToken);

        // Added last, so these win over the AppHost's user secrets, where F5 keeps its generated parameters.
        appHost.Configuration.AddInMemoryCollection(parameters);
        _app = await appHost.BuildAsync(cancellationToken).WaitAsync(BuildTimeout, cancellationToken);
        _logs = ResourceLogs.Capture(_app, Path.Combine(AppContext.BaseDirectory, "aspire-logs"));

        try
        {
            await _app.StartAsync(cancellationToken).WaitAsync(StartTimeout, cancellationToken);
            foreach (var resource in AwaitedResources)
            {
                await _app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cancellationToken).WaitAsync(StartTimeout, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException or DistributedApplicationException)
        {
            throw new InvalidOperationException($"The AppHost did not become healthy.\n{DescribeForFailure()}", exception);
        }

        _traces = new JaegerOrderTraces(Keep(new HttpClient { BaseAddress = _app.GetEndpoint("jaeger", "ui"), Timeout = RequestTimeout }));
        await ConnectClientsAsync();
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
            // Whatever stopping did, the containers and the log watchers go.
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }

            if (_logs is not null)
            {
                await _logs.DisposeAsync();
            }
        }
    }

    public override Uri ServiceUri(string resourceName) => App.GetEndpoint(resourceName, "http");

    public override TestUser User(string role) => _users[role];

    public override string SigningKey => _signingKey;

    public override IOrderTraces Traces => _traces ?? throw new InvalidOperationException("The AppHost is not started.");

    public override string DescribeForFailure() => _logs is null ? "" : LogTails(_logs.Snapshot());
}

[CollectionDefinition(Name)]
public sealed class AspireCollection : ICollectionFixture<AspireFixture>
{
    public const string Name = "aspire";
}
