using Alexandrite.LocalRun;
using Alexandrite.LocalRun.Services;

namespace Alexandrite.UnitTests.LocalRun;

/// <summary>The Docker-free runner gives each service the variables the AppHost's WithReference would.</summary>
public sealed class ServiceEnvironmentTests
{
    private static readonly LocalSystemOptions Options = new()
    {
        RepositoryRoot = "/repo",
        DataDirectory = "/repo/.local",
        SharedEnvironment = new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317",
        },
        ServiceEnvironment = new Dictionary<string, IReadOnlyDictionary<string, string?>>
        {
            ["crm-api"] = new Dictionary<string, string?> { ["Approvals__AutoApproveLimit"] = "500" },
        },
    };

    private static Dictionary<string, string?> Build(ServiceDefinition service) => ServiceEnvironment.Build(
        service,
        name => new Uri($"http://127.0.0.1:{Options.ServicePorts[name]}"),
        name => $"connection-of-{name}",
        Options);

    [Fact]
    public void A_service_gets_its_connection_strings_by_resource_name_and_nothing_else()
    {
        var environment = Build(ServiceCatalog.CrmApi);

        Assert.Equal("connection-of-shopdb", environment["ConnectionStrings__shopdb"]);
        Assert.Equal("connection-of-messaging", environment["ConnectionStrings__messaging"]);
        Assert.Equal(2, environment.Keys.Count(key => key.StartsWith("ConnectionStrings__", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_service_gets_the_addresses_of_the_services_it_references_in_both_aspire_forms()
    {
        var environment = Build(ServiceCatalog.ShopWeb);

        Assert.Equal("http://127.0.0.1:5101", environment["services__shop-api__http__0"]);
        Assert.Equal("http://127.0.0.1:5101", environment["SHOP_API_HTTP"]);
        Assert.Equal("http://127.0.0.1:5103", environment["services__crm-api__http__0"]);
        Assert.Equal("http://127.0.0.1:5100", environment["ASPNETCORE_URLS"]);
    }

    [Fact]
    public void Telemetry_settings_are_per_service_where_they_must_be_and_shared_otherwise()
    {
        var shop = Build(ServiceCatalog.ShopApi);
        var mes = Build(ServiceCatalog.MesApi);

        Assert.Equal("shop-api", shop["OTEL_SERVICE_NAME"]);
        Assert.Equal("mes-api", mes["OTEL_SERVICE_NAME"]);
        Assert.NotEqual(shop["OTEL_RESOURCE_ATTRIBUTES"], mes["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal("http://127.0.0.1:4317", shop["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("http://127.0.0.1:4317", mes["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("Development", shop["ASPNETCORE_ENVIRONMENT"]);
    }

    [Fact]
    public void Per_service_settings_apply_to_that_service_only()
    {
        Assert.Equal("500", Build(ServiceCatalog.CrmApi)["Approvals__AutoApproveLimit"]);
        Assert.False(Build(ServiceCatalog.ShopApi).ContainsKey("Approvals__AutoApproveLimit"));
    }
}
