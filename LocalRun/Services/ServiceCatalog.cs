using Alexandrite.Contracts;

namespace Alexandrite.LocalRun.Services;

/// <summary>The four services and what each is given: the Docker-free twin of the AppHost's Program.cs.</summary>
public static class ServiceCatalog
{
    public static readonly ServiceDefinition ShopApi = new(
        ResourceNames.ShopApi, "Shop.Api", "Alexandrite.Shop.Api", 5101,
        ConnectionNames: [ResourceNames.ShopDatabase, ResourceNames.Messaging, ResourceNames.Storage],
        ServiceReferences: [],
        WaitFor: []);

    public static readonly ServiceDefinition MesApi = new(
        ResourceNames.MesApi, "Mes.Api", "Alexandrite.Mes.Api", 5102,
        ConnectionNames: [ResourceNames.MesDatabase, ResourceNames.Messaging, ResourceNames.Storage],
        ServiceReferences: [],
        WaitFor: [],
        Secrets: ServiceSecrets.SigningKey);

    /// <summary>CRM writes order status in the Shop DB, whose tables Shop.Api creates: it waits for Shop.Api.</summary>
    public static readonly ServiceDefinition CrmApi = new(
        ResourceNames.CrmApi, "Crm.Api", "Alexandrite.Crm.Api", 5103,
        ConnectionNames: [ResourceNames.ShopDatabase, ResourceNames.Messaging],
        ServiceReferences: [],
        WaitFor: [ResourceNames.ShopApi],
        Secrets: ServiceSecrets.SigningKey);

    public static readonly ServiceDefinition ShopWeb = new(
        ResourceNames.ShopWeb, "Shop.Web", "Alexandrite.Shop.Web", 5100,
        ConnectionNames: [],
        ServiceReferences: [ResourceNames.ShopApi, ResourceNames.MesApi, ResourceNames.CrmApi],
        WaitFor: [ResourceNames.ShopApi, ResourceNames.MesApi, ResourceNames.CrmApi],
        Secrets: ServiceSecrets.SigningKey | ServiceSecrets.Users);

    public static readonly IReadOnlyList<ServiceDefinition> All = [ShopApi, MesApi, CrmApi, ShopWeb];
}
