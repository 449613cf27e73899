using System.Net;
using Alexandrite.Contracts;

namespace Alexandrite.AspireTests.Foundation;

[Collection(AspireCollection.Name)]
public sealed class HealthTests(AspireFixture fixture)
{
    public static TheoryData<string> Services => new(ServiceConfiguration.Services);

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_service_is_ready_and_alive_against_the_real_infrastructure(string service)
    {
        using var client = fixture.ClientFor(service);

        using var health = await client.GetAsync("/health");
        using var alive = await client.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal("Healthy", await alive.Content.ReadAsStringAsync());
    }

    /// <summary>The environment the running processes got, as the dashboard shows it (the orchestrator reports it).</summary>
    [Fact]
    public async Task Each_service_gets_the_environment_contract_the_AppHost_injects()
    {
        var shopApi = EnvironmentOf(ResourceNames.ShopApi);
        Assert.Equal(await fixture.ConnectionStringAsync(ResourceNames.ShopDatabase), shopApi["ConnectionStrings__shopdb"]);
        Assert.Equal(await fixture.ConnectionStringAsync(ResourceNames.Messaging), shopApi["ConnectionStrings__messaging"]);
        Assert.Equal(await fixture.ConnectionStringAsync(ResourceNames.Storage), shopApi["ConnectionStrings__storage"]);
        Assert.Equal("shop-api", shopApi["OTEL_SERVICE_NAME"]);
        Assert.Equal($"service.instance.id={fixture.ResourceInstanceName(ResourceNames.ShopApi)["shop-api-".Length..]}", shopApi["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal(fixture.Telemetry.Endpoint.ToString(), shopApi["OTEL_EXPORTER_OTLP_ENDPOINT"]);

        var shopWeb = EnvironmentOf(ResourceNames.ShopWeb);
        Assert.Equal(fixture.ServiceUri(ResourceNames.ShopApi).ToString().TrimEnd('/'), shopWeb["services__shop-api__http__0"].TrimEnd('/'));
        Assert.False(shopWeb.ContainsKey("ConnectionStrings__shopdb"), "Shop.Web talks to the APIs only, never to a database.");
    }

    private Dictionary<string, string> EnvironmentOf(string resourceName)
    {
        Assert.True(fixture.App.ResourceNotifications.TryGetCurrentState(resourceName, out var current), $"{resourceName} has no state.");
        return current.Snapshot.EnvironmentVariables.ToDictionary(variable => variable.Name, variable => variable.Value ?? "", StringComparer.Ordinal);
    }
}
