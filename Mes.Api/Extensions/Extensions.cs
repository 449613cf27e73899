using Alexandrite.Contracts;
using Alexandrite.Mes.Api.Operator;

namespace Alexandrite.Mes.Api.Extensions;

internal static class Extensions
{
    /// <summary>Everything Mes.Api needs beyond the service defaults. Resource names match the AppHost's.</summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource(ResourceNames.MesDatabase);
        builder.AddPostgresSchema(typeof(Extensions).Assembly);
        builder.AddRabbitMQClient(ResourceNames.Messaging);
        builder.AddS3Client(ResourceNames.Storage);

        builder.Services.AddSingleton<OperatorQueue>();
    }
}
