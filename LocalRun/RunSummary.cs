using System.Text;
using Alexandrite.LocalRun.Services;

namespace Alexandrite.LocalRun;

/// <summary>What the run command prints once everything is healthy: where each piece is.</summary>
internal static class RunSummary
{
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
        var otlp = options.SharedEnvironment.GetValueOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT");
        var jaeger = options.SharedEnvironment.GetValueOrDefault("Telemetry__Jaeger__Endpoint");
        text.AppendLine($"  Telemetry  {(otlp is null ? "no OTLP endpoint set (OTEL_EXPORTER_OTLP_ENDPOINT)" : "OTLP to " + otlp)}{(jaeger is null ? "" : ", traces also to Jaeger at " + jaeger)}");
        return text.ToString();
    }
}
