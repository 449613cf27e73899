using Alexandrite.Contracts;
using Alexandrite.Contracts.Messages;
using Alexandrite.Crm.Api.Approvals;
using Alexandrite.Crm.Api.Closing;
using Alexandrite.Messaging;
using Alexandrite.ShopDatabase;

namespace Alexandrite.Crm.Api.Extensions;

internal static class Extensions
{
    /// <summary>
    /// Everything Crm.Api needs beyond the service defaults. As in Alexandrite's current architecture, CRM
    /// writes order status in the Shop DB; its own bookkeeping lives in the crm schema of that database.
    /// </summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddShopDatabase(ownsSchema: false);
        builder.AddPostgresSchema(typeof(Extensions).Assembly);
        builder.AddRabbitMQClient(ResourceNames.Messaging);
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
    }
}
