// The Aspire face of Alexandrite: the same resources, names and connections as the Docker-free run
// (LocalRun/Services/ServiceCatalog.cs), in containers. Names are those of Contracts/ResourceNames.cs and of the
// container diagrams in docs/architecture/containers.md (ContainerDiagramSyncTests reads this file).
using Alexandrite.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

// Secrets: generated on first run and kept in this project's user secrets, or set Parameters:<name> yourself.
var pseudonymKey = builder.AddParameter("pseudonym-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
var storageUser = builder.AddParameter("storage-user", new GenerateParameterDefault { MinLength = 12, Special = false }, secret: true, persist: true);
var storagePassword = builder.AddParameter("storage-password", new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true, persist: true);
var signingKey = builder.AddParameter("auth-signing-key", new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true, persist: true);

var postgres = builder.AddPostgres("postgres").WithDataVolume();
var shopDb = postgres.AddDatabase("shopdb");
var mesDb = postgres.AddDatabase("mesdb");

var messaging = builder.AddRabbitMQ("messaging")
    .WithManagementPlugin()
    .WithUrlForEndpoint("management", url => url.DisplayText = "RabbitMQ management");

var storage = builder.AddContainer("storage", "minio/minio", StorageResource.ImageTag)
    .AsS3Storage(storageUser, storagePassword, StorageResource.ModelsBucket);

var jaeger = builder.AddContainer("jaeger", "jaegertracing/jaeger", "2.13.0")
    .AsJaeger();

var shopApi = builder.AddProject<Projects.Shop_Api>("shop-api")
    .AsAlexandriteService(jaeger, pseudonymKey, port: 5101)
    .WithReference(shopDb).WaitFor(shopDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithS3Reference(storage, "storage")
    .WithSwaggerUi()
    .WithDemoOrderCommand();

var mesApi = builder.AddProject<Projects.Mes_Api>("mes-api")
    .AsAlexandriteService(jaeger, pseudonymKey, port: 5102)
    .WithAccessTokenKey(signingKey)
    .WithConsumerSwitchCommands()
    .WithReference(mesDb).WaitFor(mesDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithS3Reference(storage, "storage")
    .WithSwaggerUi();

// Support's order journey (Crm.Api) links each trace in Jaeger and in this dashboard (the AppHost's own address).
var dashboardUrl = builder.Configuration["ASPNETCORE_URLS"]?.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();

// CRM writes order status in the Shop DB, whose tables Shop.Api creates: it waits for Shop.Api.
var crmApi = builder.AddProject<Projects.Crm_Api>("crm-api")
    .AsAlexandriteService(jaeger, pseudonymKey, port: 5103)
    .WithAccessTokenKey(signingKey)
    .WithReference(shopDb).WaitFor(shopDb)
    .WithReference(messaging).WaitFor(messaging)
    .WaitFor(shopApi)
    .WithEnvironment("Journey__JaegerUrl", jaeger.GetEndpoint(JaegerResource.UiEndpoint))
    .WithEnvironment("Journey__DashboardUrl", dashboardUrl)
    .WithSwaggerUi();

builder.AddProject<Projects.Shop_Web>("shop-web")
    .AsAlexandriteService(jaeger, pseudonymKey, port: 5100)
    .WithExternalHttpEndpoints()
    .WithAccessTokenKey(signingKey)

    // Passwords for the users "customer", "operator" and "manager": see the Parameters in the dashboard.
    .WithSignInUsers("customer", "operator", "manager")
    .WithReference(shopApi).WaitFor(shopApi)
    .WithReference(mesApi).WaitFor(mesApi)
    .WithReference(crmApi).WaitFor(crmApi);

builder.Build().Run();
