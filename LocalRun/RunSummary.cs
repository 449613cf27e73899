using System.Text;
using Alexandrite.Contracts;
using Alexandrite.LocalRun.Services;
using Alexandrite.ServiceDefaults.Security;

namespace Alexandrite.LocalRun;

/// <summary>What the run command prints once everything is healthy: where each piece is.</summary>
internal static class RunSummary
{
    private static readonly TimeSpan DeveloperTokenLifetime = TimeSpan.FromHours(12);

    public static string Describe(LocalSystem system, LocalSystemOptions options)
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("Alexandrite is up (Ctrl+C stops everything):");
        foreach (var service in ServiceCatalog.All)
        {
            text.AppendLine($"  {service.ProjectFolder,-10} {system.GetServiceUri(service.ResourceName)}");
        }

        text.AppendLine($"  Postgres   {system.Postgres.GetConnectionString("shopdb")} (and mesdb)");
        text.AppendLine($"  RabbitMQ   {system.RabbitMq.ConnectionString}, management UI {system.RabbitMq.ManagementUri}");
        text.AppendLine($"  S3         {system.S3.Endpoint} (access key {Infrastructure.S3Options.AccessKey}, buckets: {string.Join(", ", system.S3.Buckets)})");
        text.AppendLine($"  Logs       {Path.Combine(options.DataDirectory, "logs")}");
        text.AppendLine($"  Sign in    {string.Join(", ", options.Credentials.Users.Select(user => $"{user.Name} / {user.Password}"))} (development users)");

        // The signing key is new on every run, so the .http files of Mes.Api and Crm.Api take these instead.
        var tokens = new AccessTokens(
            Microsoft.Extensions.Options.Options.Create(new AccessTokenOptions { SigningKey = options.Credentials.SigningKey, Lifetime = DeveloperTokenLifetime }),
            TimeProvider.System);
        text.AppendLine($"  Tokens     for the .http files, valid {DeveloperTokenLifetime.TotalHours} h (Authorization: Bearer ...), each for one API:");
        foreach (var user in options.Credentials.Users)
        {
            var api = user.Role == Roles.Operator ? ResourceNames.MesApi : ResourceNames.CrmApi;
            text.AppendLine($"    {user.Role,-9} ({api}) {tokens.Create(user.Name, user.Role, api)}");
        }

        var otlp = options.SharedEnvironment.GetValueOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT");
        var jaeger = options.SharedEnvironment.GetValueOrDefault("Telemetry__Jaeger__Endpoint");
        text.AppendLine($"  Telemetry  {(otlp is null ? "no OTLP endpoint set (OTEL_EXPORTER_OTLP_ENDPOINT)" : "OTLP to " + otlp)}{(jaeger is null ? "" : ", traces also to Jaeger at " + jaeger)}");
        return text.ToString();
    }
}
