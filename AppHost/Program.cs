// Alexandrite as an Aspire application, top to bottom: secrets, infrastructure, the four services and what each
// uses. Resource names are those of Contracts/ResourceNames.cs and of the container diagram in
// docs/architecture/containers.md (ContainerDiagramSyncTests compares them with the model this file builds).
using Alexandrite.AppHost;
using Alexandrite.AppHost.Infrastructure;
using Alexandrite.AppHost.Monitoring;
using Alexandrite.Contracts;

var builder = DistributedApplication.CreateBuilder(args);

// Secrets: generated on the first run and kept in this project's user secrets, or set Parameters:<name> yourself.
var signingKey = builder.AddSecret("auth-signing-key", minLength: 48);
var secrets = new ServiceSecrets(PseudonymKey: builder.AddSecret("pseudonym-key", minLength: 32), SigningKey: signingKey);
var databasePassword = builder.AddSecret("postgres-password", minLength: 24);
var users = builder.AddSignInUsers();
var alertInboxSecret = builder.AddSecret("alert-inbox-secret", minLength: 32);

// Postgres (shopdb, mesdb), RabbitMQ and S3: containers where a container runtime answers, host processes where
// none does (Infrastructure:Mode forces one). The dashboard's Parameters show which. Postgres allows
// Database:MaxConnections, and each service instance's pool is its share (Database:Pools): together they fit.
var mode = InfrastructureModes.Resolve(builder.Configuration);
builder.AddParameter("infrastructure-mode", mode.Describe());
var connections = DatabaseConnectionBudget.From(builder.Configuration);
var infrastructure = mode == InfrastructureMode.Containers
    ? builder.AddContainerInfrastructure(databasePassword, builder.AddSecret("storage-user", minLength: 12), builder.AddSecret("storage-password", minLength: 24), connections)
    : builder.AddProcessInfrastructure(databasePassword, connections);

// The shop's API in Scale:Instances:shop-api processes (1): shop-api, then shop-api-2... Each is whole on its own (the
// outbox relay claims rows with FOR UPDATE SKIP LOCKED, each listens for order changes); Shop.Web calls shop-api.
// More than one is for sharing the requests, or measuring settings side by side (the benchmark's cost comparison).
var shopApis = builder.AddServiceInstances<Projects.Shop_Api>(ResourceNames.ShopApi, port: 5101, infrastructure, secrets, connections)
    .Select(shop => shop
        .WithReferences(infrastructure.ShopDatabase, infrastructure.Messaging, infrastructure.Storage)
        .WithSwaggerUi()
        .WithDemoOrderCommand(signingKey))
    .ToList();
var shopApi = shopApis[0];

// MES in Scale:Instances:mes-api processes (1): mes-api, then mes-api-2... They share the price calculations and the shop
// floor through the MES DB (each job claimed by one, FOR UPDATE SKIP LOCKED) and the mes-api queue. Its callers
// use mes-api's HTTP API. (Not WithReplicas: replicas cannot have the proxyless endpoint Prometheus scrapes.)
var mesApis = builder.AddServiceInstances<Projects.Mes_Api>(ResourceNames.MesApi, port: 5102, infrastructure, secrets, connections)
    .Select(mes => mes
        .WithReferences(infrastructure.MesDatabase, infrastructure.Messaging, infrastructure.Storage)
        .WithSwaggerUi()
        .WithConsumerSwitchCommands(signingKey))
    .ToList();
var mesApi = mesApis[0];

// CRM writes order status in the Shop DB (both services apply its idempotent schema, so neither waits for the other)
// and shows support the order's journey, with links to each trace and why it waits (asking MES about a price
// calculation), the stuck orders, every dead-letter queue and the alerts Alertmanager sends its inbox.
var crmApi = builder.AddProject<Projects.Crm_Api>(ResourceNames.CrmApi)
    .AsAlexandriteService(infrastructure, secrets, port: 5103)
    .WithDatabasePool(connections, ResourceNames.CrmApi)
    .WithReferences(infrastructure.ShopDatabase, infrastructure.Messaging)
    .WithApiReference(mesApi)
    .WithJourneyLinks(infrastructure)
    .WithSettingsFrom(builder.Configuration, "Watchdog")
    .WithSwaggerUi()
    .WithConsumerSwitchCommands(signingKey)
    .WithRedriveCommand(signingKey);
var alertInbox = crmApi.WithAlertInbox(alertInboxSecret);

// The shop and the back office: the only service with an external endpoint. It starts with the APIs, not after them.
var shopWeb = builder.AddProject<Projects.Shop_Web>(ResourceNames.ShopWeb)
    .AsAlexandriteService(infrastructure, secrets, port: 5100)
    .WithEndpoint("http", endpoint => endpoint.IsExternal = true)
    .WithSignInUsers(users)
    .WithApiReference(shopApi)
    .WithApiReference(mesApi)
    .WithApiReference(crmApi)
    .WithDeveloperSummary(infrastructure, users, signingKey);

// Prometheus scrapes every service and evaluates deploy/prometheus/alerts.yml; Alertmanager takes what fires and
// notifies support's inbox. In container mode Grafana shows deploy/grafana's dashboards.
builder.AddMonitoring(infrastructure, alertInbox, [.. shopApis, .. mesApis, crmApi, shopWeb]);

builder.Build().Run();
