using Alexandrite.Contracts;
using Alexandrite.LocalRun;
using Alexandrite.LocalRun.Services;

namespace Alexandrite.UnitTests.LocalRun;

/// <summary>
/// The Docker-free runner gives each service exactly the application variables of the environment contract
/// (Contracts/ServiceConfiguration.cs), as the AppHost must (checked on the Aspire face by Tests/AspireTests).
/// </summary>
public sealed class EnvironmentContractTests
{
    private static readonly LocalSystemOptions Options = new() { RepositoryRoot = "/repo", DataDirectory = "/repo/.local" };

    public static TheoryData<string> Services => new(ServiceConfiguration.Services);

    private static Dictionary<string, string?> EnvironmentOf(string resourceName) => ServiceEnvironment.Build(
        ServiceCatalog.All.Single(service => service.ResourceName == resourceName),
        name => new Uri($"http://127.0.0.1:{Options.ServicePorts[name]}"),
        name => $"connection-of-{name}",
        Options);

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_required_variable_is_given_with_a_value(string resourceName)
    {
        var environment = EnvironmentOf(resourceName);

        Assert.All(ServiceConfiguration.RequiredKeys(resourceName), key =>
            Assert.True(environment.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value), $"{resourceName} lacks {key}"));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void No_application_variable_outside_the_contract_is_given(string resourceName)
    {
        var extra = EnvironmentOf(resourceName).Keys
            .Where(ServiceConfiguration.IsApplicationKey)
            .Except(ServiceConfiguration.RequiredKeys(resourceName))
            .ToList();

        Assert.Empty(extra);
    }

    [Fact]
    public void The_contract_names_every_service_the_runner_starts()
    {
        Assert.Equal(ServiceCatalog.All.Select(service => service.ResourceName).Order(), ServiceConfiguration.Services.Order());
    }
}
