using Alexandrite.Contracts;
using Alexandrite.Contracts.Messages;
using Alexandrite.Mes.Api.Manufacturing;
using Alexandrite.Mes.Api.Pricing;
using Alexandrite.Messaging;
using Npgsql;

namespace Alexandrite.Mes.Api.Extensions;

internal static class Extensions
{
    /// <summary>Everything Mes.Api needs beyond the service defaults. Resource names match the AppHost's.</summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddAccessTokenAuthentication(ResourceNames.MesApi);
        builder.AddNpgsqlDataSource(ResourceNames.MesDatabase, configureDataSourceBuilder: dataSource => dataSource.UseServiceDefaults(builder.Configuration));
        builder.AddPostgresSchema(typeof(Extensions).Assembly);
        builder.AddS3Client(ResourceNames.Storage);
        builder.AddOrderMessaging(ResourceNames.MesApi, databaseSchema: "mes")
            .AddHandler<OrderSubmitted, OrderSubmittedHandler>()
            .AddHandler<ManufacturingApproved, ManufacturingApprovedHandler>();

        builder.Services.AddOptions<PricingOptions>()
            .Bind(builder.Configuration.GetSection(PricingOptions.SectionName))
            .Validate(options => options.IsValid(), $"Pricing:TimeScale must be 0 (instant) or more; its durations and MaxSizeMillimetres must be positive; Pricing:Concurrency between 1 and {PricingOptions.MaxConcurrency}; Pricing:StorageReads 1 or more.")
            .ValidateOnStart();
        builder.Services.AddSingleton<PriceJobs>();
        builder.Services.AddSingleton<ManufacturingJobs>();
        builder.Services.AddSingleton<PriceJobWakeUp>();
        builder.Services.AddHostedService(services => services.GetRequiredService<PriceJobWakeUp>());
        builder.Services.AddHostedService<PriceCalculationWorker>();
    }
}
