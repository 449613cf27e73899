using System.Net;
using Alexandrite.Contracts;
using Alexandrite.LocalRun.Services;

namespace Alexandrite.EndToEnd.Tests.Foundation;

[Collection(SystemCollection.Name)]
public sealed class HealthTests(SystemFixture fixture)
{
    public static TheoryData<string> Services => new(ServiceCatalog.All.Select(service => service.ResourceName));

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

    [Fact]
    public void Each_service_gets_the_environment_contract_the_AppHost_injects()
    {
        var shopApi = fixture.System.GetService(ResourceNames.ShopApi).Environment;
        Assert.Equal(fixture.System.Postgres.GetConnectionString(ResourceNames.ShopDatabase), shopApi["ConnectionStrings__shopdb"]);
        Assert.Equal(fixture.System.RabbitMq.ConnectionString, shopApi["ConnectionStrings__messaging"]);
        Assert.Equal(fixture.System.S3.ConnectionString, shopApi["ConnectionStrings__storage"]);
        Assert.Equal("shop-api", shopApi["OTEL_SERVICE_NAME"]);
        Assert.StartsWith("service.instance.id=shop-api-", shopApi["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal(fixture.Telemetry.Endpoint.ToString(), shopApi["OTEL_EXPORTER_OTLP_ENDPOINT"]);

        var shopWeb = fixture.System.GetService(ResourceNames.ShopWeb).Environment;
        Assert.Equal(fixture.System.GetServiceUri(ResourceNames.ShopApi).ToString().TrimEnd('/'), shopWeb["services__shop-api__http__0"]);
        Assert.False(shopWeb.ContainsKey("ConnectionStrings__shopdb"), "Shop.Web talks to the APIs only, never to a database.");
    }
}
