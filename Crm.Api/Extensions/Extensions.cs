using Alexandrite.Contracts;
using Alexandrite.Crm.Api.Approvals;

namespace Alexandrite.Crm.Api.Extensions;

internal static class Extensions
{
    /// <summary>
    /// Everything Crm.Api needs beyond the service defaults. As in Alexandrite's current architecture, CRM
    /// writes order status in the Shop DB; its own bookkeeping lives in the crm schema of that database.
    /// </summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource(ResourceNames.ShopDatabase);
        builder.AddPostgresSchema(typeof(Extensions).Assembly);
        builder.AddRabbitMQClient(ResourceNames.Messaging);

        builder.Services.AddSingleton<PendingApprovals>();
    }
}
