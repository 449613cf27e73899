using Alexandrite.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Alexandrite.ShopDatabase;

public static class ShopDatabaseExtensions
{
    /// <summary>
    /// The Shop DB connection and the status store. <paramref name="ownsSchema"/>: only Shop.Api creates the
    /// tables; Crm.Api starts after it (WaitFor) and uses them.
    /// </summary>
    public static IHostApplicationBuilder AddShopDatabase(this IHostApplicationBuilder builder, bool ownsSchema)
    {
        builder.AddNpgsqlDataSource(ResourceNames.ShopDatabase);
        if (ownsSchema)
        {
            builder.AddPostgresSchema(typeof(ShopDatabaseExtensions).Assembly);
        }

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<OrderStatusStore>();
        return builder;
    }
}
