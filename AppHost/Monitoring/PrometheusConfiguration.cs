using System.Globalization;
using System.Text;

namespace Alexandrite.AppHost.Monitoring;

/// <summary>
/// Prometheus's configuration file, written when Prometheus starts, once the orchestrator has given every endpoint
/// its port (https://prometheus.io/docs/prometheus/latest/configuration/configuration/): one scrape job per service,
/// named as the service (its service.name, so the rules' job label is the same in Prometheus as in the OTLP
/// translation) with a target per instance (Prometheus's instance label tells them apart), the rules of
/// deploy/prometheus/alerts.yml and the AppHost's Alertmanager.
/// </summary>
internal sealed record PrometheusConfiguration(
    TimeSpan ScrapeInterval, string RuleFile, string AlertmanagerTarget, IReadOnlyList<(string Job, string Target)> ScrapeTargets)
{
    public string ToYaml()
    {
        var yaml = new StringBuilder()
            .AppendLine("# Written by the AppHost at start (AppHost/Monitoring); do not edit.")
            .AppendLine("global:")
            .AppendLine(CultureInfo.InvariantCulture, $"  scrape_interval: {Duration(ScrapeInterval)}")
            .AppendLine(CultureInfo.InvariantCulture, $"  evaluation_interval: {Duration(ScrapeInterval)}")
            .AppendLine("rule_files:")
            .AppendLine(CultureInfo.InvariantCulture, $"  - {Quoted(RuleFile)}")
            .AppendLine("alerting:")
            .AppendLine("  alertmanagers:")
            .AppendLine("    - static_configs:")
            .AppendLine(CultureInfo.InvariantCulture, $"        - targets: [{Quoted(AlertmanagerTarget)}]")
            .AppendLine("scrape_configs:");
        foreach (var job in ScrapeTargets.GroupBy(target => target.Job, target => target.Target))
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  - job_name: {Quoted(job.Key)}")
                .AppendLine("    static_configs:")
                .AppendLine(CultureInfo.InvariantCulture, $"      - targets: [{string.Join(", ", job.Select(Quoted))}]");
        }

        return yaml.ToString();
    }

    /// <summary>Prometheus's and Alertmanager's durations: whole milliseconds are always accepted ("1500ms").</summary>
    public static string Duration(TimeSpan value) => ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";

    private static string Quoted(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
