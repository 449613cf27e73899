using Alexandrite.Contracts;
using Alexandrite.Messaging;
using Alexandrite.Shop.Api.Live;
using Alexandrite.Shop.Api.Orders;
using Alexandrite.ShopDatabase;

namespace Alexandrite.Shop.Api.Extensions;

internal static class Extensions
{
    /// <summary>Everything Shop.Api needs beyond the service defaults. Resource names match the AppHost's.</summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddAccessTokenAuthentication(ResourceNames.ShopApi);
        builder.AddShopDatabase();
        builder.AddS3Client(ResourceNames.Storage);
        builder.AddOrderMessaging(ResourceNames.ShopApi, databaseSchema: "shop");

        builder.Services.Configure<UploadOptions>(builder.Configuration.GetSection(UploadOptions.SectionName));
        builder.Services.AddSingleton<OrderRepository>();
        builder.Services.AddSingleton<OrderService>();

        // Order changes pushed to open pages: one LISTEN connection per process, fanned out to each stream.
        builder.Services.AddOptions<LiveStatusOptions>()
            .Bind(builder.Configuration.GetSection(LiveStatusOptions.SectionName))
            .Validate(options => options.IsValid(), $"{LiveStatusOptions.SectionName}: every interval must be positive, SubscriberBuffer at least 1, MaxReconnectDelay at least ReconnectDelay.")
            .ValidateOnStart();
        builder.Services.AddSingleton<OrderChangeFeed>();
        builder.Services.AddHostedService<OrderChangeListener>();
    }
}
