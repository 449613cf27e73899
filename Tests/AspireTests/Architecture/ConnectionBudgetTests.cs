using System.Globalization;
using Alexandrite.Contracts;

namespace Alexandrite.AspireTests.Architecture;

/// <summary>
/// The AppHost sizes the services' database pools together (AppHost/Infrastructure/DatabaseConnectionBudget.cs): every
/// instance gets Database__MaxPoolSize and all of them fit the max_connections it gives Postgres, or it refuses to start.
/// </summary>
public sealed class ConnectionBudgetTests
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Connections the budget keeps aside for the AppHost's checks and a person (Database:Reserved).</summary>
    private const int Reserved = 10;

    [Theory]
    [InlineData(ResourceNames.MesApi, 1, 100)]
    [InlineData(ResourceNames.MesApi, 2, 100)]
    // A second shop-api pool (30) is more than the default 100 connections hold: the server is given more.
    [InlineData(ResourceNames.ShopApi, 2, 130)]
    public async Task Every_pool_fits_the_server_s_connections_with_the_reserve_left(string service, int instances, int maxConnections)
    {
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["Infrastructure:Mode=Processes", $"Scale:Instances:{service}={instances}", $"Database:MaxConnections={maxConnections}"]).WaitAsync(BuildTimeout);
        // Built, not started: the environment callbacks want the application's services.
        await using var app = await appHost.BuildAsync().WaitAsync(BuildTimeout);
        try
        {
            var pools = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var project in appHost.Resources.OfType<ProjectResource>().Where(project => project.Name != ResourceNames.ShopWeb))
            {
                pools[project.Name] = int.Parse(await EnvironmentValueAsync(app, project, "Database__MaxPoolSize"), CultureInfo.InvariantCulture);
            }

            var postgres = appHost.Resources.Single(resource => resource.Name == "postgres");
            Assert.Equal(maxConnections.ToString(CultureInfo.InvariantCulture), await EnvironmentValueAsync(app, postgres, "MAX_CONNECTIONS"));
            Assert.Equal(2 + instances, pools.Count);
            Assert.Contains(ResourceNames.Instance(service, instances), pools.Keys);

            // A further instance reports its telemetry as the service it is an instance of.
            var last = appHost.Resources.OfType<ProjectResource>().Single(project => project.Name == ResourceNames.Instance(service, instances));
            Assert.Equal(service, await EnvironmentValueAsync(app, last, "OTEL_SERVICE_NAME"));
            Assert.All(pools.Values, pool => Assert.True(pool >= 1));
            Assert.True(pools.Values.Sum() + Reserved <= maxConnections, $"pools {string.Join(", ", pools)} and {Reserved} reserved exceed {maxConnections}");
        }
        finally
        {
            await appHost.DisposeAsync().AsTask().WaitAsync(BuildTimeout);
        }
    }

    [Fact]
    public async Task More_instances_than_the_connections_allow_are_refused_before_anything_starts()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
                ["Infrastructure:Mode=Processes", $"Scale:Instances:{ResourceNames.MesApi}=4"]).WaitAsync(BuildTimeout);
            await appHost.DisposeAsync();
        });

        Assert.Contains("Database:MaxConnections", Flatten(failure), StringComparison.Ordinal);
    }

    /// <summary>The value the resource's environment callbacks give <paramref name="key"/> (a plain value, not an endpoint's).</summary>
    private static async Task<string> EnvironmentValueAsync(DistributedApplication app, IResource resource, string key)
    {
        var context = new EnvironmentCallbackContext(app.Services.GetRequiredService<DistributedApplicationExecutionContext>(), resource);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        return context.EnvironmentVariables.TryGetValue(key, out var value) && value is string text ? text : throw new InvalidOperationException($"{resource.Name} gets no {key}.");
    }

    private static string Flatten(Exception exception) =>
        exception.InnerException is null ? exception.Message : exception.Message + " / " + Flatten(exception.InnerException);
}
