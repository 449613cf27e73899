using Alexandrite.Contracts;
using Alexandrite.Contracts.Messages;
using Alexandrite.Crm.Api.Alerts;
using Alexandrite.Crm.Api.Approvals;
using Alexandrite.Crm.Api.Closing;
using Alexandrite.Crm.Api.DeadLetters;
using Alexandrite.Crm.Api.Journey;
using Alexandrite.Crm.Api.Watchdog;
using Alexandrite.Messaging;
using Alexandrite.Messaging.DeadLetters;
using Alexandrite.ShopDatabase;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Alexandrite.Crm.Api.Extensions;

internal static class Extensions
{
    /// <summary>
    /// Everything Crm.Api needs beyond the service defaults. As in Alexandrite's current architecture, CRM
    /// writes order status in the Shop DB; its own bookkeeping lives in the crm schema of that database.
    /// </summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddAccessTokenAuthentication(ResourceNames.CrmApi);
        builder.AddShopDatabase();
        builder.AddPostgresSchema(typeof(Extensions).Assembly);
        builder.AddOrderMessaging(ResourceNames.CrmApi, databaseSchema: "crm")
            .AddHandler<PriceCalculated, PriceCalculatedHandler>()
            .AddHandler<PriceCalculationFailed, PriceCalculationFailedHandler>()
            .AddHandler<ManufacturingProgressed, ManufacturingProgressedHandler>();

        builder.Services.Configure<ApprovalOptions>(builder.Configuration.GetSection(ApprovalOptions.SectionName));
        builder.Services.Configure<ClosingOptions>(builder.Configuration.GetSection(ClosingOptions.SectionName));
        builder.Services.AddSingleton<PriceQuotes>();
        builder.Services.AddSingleton<ApprovalService>();
        builder.Services.AddSingleton<OrderClosing>();
        builder.Services.AddHostedService<AutoCloseWorker>();

        builder.AddOrderWatch();
        builder.AddAlertInbox();
    }

    /// <summary>
    /// The stuck-order watchdog, the order gauges and support's endpoints (GET /api/orders/stuck,
    /// /api/orders/{id}/journey and the dead-letter queues of every service, /api/dead-letters). They live in Crm.Api, not Shop.Api, although both write status in the Shop DB:
    /// CRM is the back office support works in, it already watches orders over time (automatic closing), and it
    /// keeps order-wide views (trace ids, every order's stage) off the customer-facing API.
    /// </summary>
    private static void AddOrderWatch(this IHostApplicationBuilder builder)
    {
        builder.AddPostgresSchema(typeof(Extensions).Assembly, "Watchdog.sql");
        builder.Services.AddOptions<WatchdogOptions>()
            .Bind(builder.Configuration.GetSection(WatchdogOptions.SectionName))
            .Validate(options => options.IsValid(), "Watchdog:Limits keys must be statuses an order can leave (SUBMITTED, ...) and Watchdog:CheckInterval must be positive.")
            .ValidateOnStart();
        builder.Services.Configure<JourneyOptions>(builder.Configuration.GetSection(JourneyOptions.SectionName));
        builder.AddPostgresSchema(typeof(Extensions).Assembly, "DeadLetters.sql");
        builder.Services.AddSingleton<DeadLetterQueues>();
        builder.Services.AddSingleton<DeadLetterPlaces>();
        builder.Services.AddSingleton<DeadLetterRedrives>();
        builder.Services.AddSingleton<StuckOrders>();
        // Per request: a journey asks Mes.Api on behalf of whoever reads it, through a typed (transient) client.
        builder.Services.AddScoped<OrderJourneys>();
        builder.Services.AddScoped<WaitCauses>();
        builder.AddAccessTokens();
        builder.Services.AddApiClient<MesPriceJobs>(ResourceNames.MesApi);
        builder.Services.AddHostedService<OrderWatchdog>();
    }

    /// <summary>
    /// Support's alert inbox (POST and GET /api/alerts): Alertmanager's notifications, authenticated with the secret
    /// the AppHost shares with it (AlertInbox:Secret; the service does not start without one).
    /// </summary>
    private static void AddAlertInbox(this IHostApplicationBuilder builder)
    {
        builder.AddPostgresSchema(typeof(Extensions).Assembly, "Alerts.sql");
        builder.Services.AddOptions<AlertInboxOptions>()
            .Bind(builder.Configuration.GetSection(AlertInboxOptions.SectionName))
            .Validate(options => options.IsValid(), $"AlertInbox:Secret must be set and at least {AlertInboxOptions.MinimumSecretLength} characters long; AlertInbox:ShowResolvedFor must be positive.")
            .ValidateOnStart();
        // A second scheme: the bearer one stays the default by name (with two, ASP.NET Core would pick none).
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, AlertmanagerAuthentication>(AlertmanagerAuthentication.SchemeName, configureOptions: null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AlertmanagerAuthentication.Policy, policy => policy
                .AddAuthenticationSchemes(AlertmanagerAuthentication.SchemeName)
                .RequireAuthenticatedUser());
        builder.Services.AddSingleton<SupportAlerts>();
    }
}
