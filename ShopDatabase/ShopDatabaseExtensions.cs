using Alexandrite.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Alexandrite.ShopDatabase;

public static class ShopDatabaseExtensions
{
    /// <summary>
    /// The Shop DB connection, its tables and the status store. Both services that use it (Shop.Api and Crm.Api)
    /// apply the idempotent schema, so either may start first.
    /// </summary>
    public static IHostApplicationBuilder AddShopDatabase(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource(ResourceNames.ShopDatabase, configureDataSourceBuilder: dataSource => dataSource.UseServiceDefaults(builder.Configuration));
        builder.AddPostgresSchema(typeof(ShopDatabaseExtensions).Assembly);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<OrderStatusStore>();
        return builder;
    }
}
