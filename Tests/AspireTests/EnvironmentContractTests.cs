using Alexandrite.AspireTests.Hosting;
using Alexandrite.Contracts;
using Microsoft.Extensions.Logging.Abstractions;

namespace Alexandrite.AspireTests;

/// <summary>
/// The AppHost gives each project exactly the application variables of the environment contract
/// (Contracts/ServiceConfiguration.cs), besides what the tests change in their settings (Hosting/TestSettings.cs).
/// </summary>
[Collection(AspireCollection.Name)]
public sealed class EnvironmentContractTests(AspireFixture fixture)
{
    private static readonly TimeSpan EvaluationTimeout = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Services => new(ServiceConfiguration.Services);

    private async Task<Dictionary<string, string>> EnvironmentOfAsync(string resourceName)
    {
        using var cancellation = new CancellationTokenSource(EvaluationTimeout);
        var project = fixture.App.Services.GetRequiredService<DistributedApplicationModel>().GetProjectResources().Single(resource => resource.Name == resourceName);
        var configuration = await ExecutionConfigurationBuilder.Create(project)
            .WithEnvironmentVariablesConfig()
            .BuildAsync(fixture.App.Services.GetRequiredService<DistributedApplicationExecutionContext>(), NullLogger.Instance, cancellation.Token)
            .WaitAsync(EvaluationTimeout);
        Assert.Null(configuration.Exception);
        return configuration.EnvironmentVariables.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_required_variable_is_given_with_a_value(string resourceName)
    {
        var environment = await EnvironmentOfAsync(resourceName);

        Assert.All(ServiceConfiguration.RequiredKeys(resourceName), key =>
            Assert.True(environment.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value), $"{resourceName} lacks {key}"));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task No_application_variable_outside_the_contract_is_given(string resourceName)
    {
        var extra = (await EnvironmentOfAsync(resourceName)).Keys
            .Where(ServiceConfiguration.IsApplicationKey)
            .Except(ServiceConfiguration.RequiredKeys(resourceName))
            .Except(TestSettings.For(resourceName).Keys)
            .ToList();

        Assert.Empty(extra);
    }

    [Fact]
    public void The_contract_names_every_project_of_the_AppHost()
    {
        var projects = fixture.App.Services.GetRequiredService<DistributedApplicationModel>().GetProjectResources().Select(project => project.Name);

        Assert.Equal(projects.Order(StringComparer.Ordinal), ServiceConfiguration.Services.Order(StringComparer.Ordinal));
    }
}
