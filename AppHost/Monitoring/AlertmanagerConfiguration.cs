using System.Globalization;
using Alexandrite.Contracts;
using YamlDotNet.RepresentationModel;

namespace Alexandrite.AppHost.Monitoring;

/// <summary>
/// Alertmanager's configuration as the AppHost runs it: deploy/alertmanager/alertmanager.yml (its routes, grouping and
/// receivers, the one file a deployment uses too) with the support receiver's webhook pointed at the system's alert
/// inbox (Crm.Api's POST /api/alerts) and authenticated with the inbox's secret (HTTP Basic). The tests shorten the
/// grouping waits so a notification follows an alert in seconds
/// (https://prometheus.io/docs/alerting/latest/configuration/#route).
/// </summary>
internal sealed record AlertmanagerConfiguration(Uri InboxUrl, string Secret, TimeSpan? GroupWait, TimeSpan? GroupInterval)
{
    /// <summary>The receiver of deploy/alertmanager/alertmanager.yml whose webhooks go to support's inbox.</summary>
    public const string SupportReceiver = "support-webhook";

    public string Apply(string deployedYaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(deployedYaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;

        var route = (YamlMappingNode)root["route"];
        if (GroupWait is { } wait)
        {
            route.Children["group_wait"] = Duration(wait);
        }

        if (GroupInterval is { } interval)
        {
            route.Children["group_interval"] = Duration(interval);
        }

        var support = ((YamlSequenceNode)root["receivers"]).Children.Cast<YamlMappingNode>()
            .SingleOrDefault(receiver => receiver["name"] is YamlScalarNode { Value: SupportReceiver })
            ?? throw new InvalidOperationException($"Alertmanager's configuration has no receiver named {SupportReceiver}.");
        foreach (var webhook in ((YamlSequenceNode)support["webhook_configs"]).Children.Cast<YamlMappingNode>())
        {
            webhook.Children["url"] = new YamlScalarNode(InboxUrl.ToString());
            webhook.Children["http_config"] = new YamlMappingNode(
                "basic_auth", new YamlMappingNode("username", AlertInboxContract.UserName, "password", Secret));
        }

        using var yaml = new StringWriter(CultureInfo.InvariantCulture);
        yaml.WriteLine("# Written by the AppHost at start from deploy/alertmanager/alertmanager.yml (AppHost/Monitoring); do not edit.");
        stream.Save(yaml, assignAnchors: false);
        return yaml.ToString();
    }

    private static YamlScalarNode Duration(TimeSpan value) => new(PrometheusConfiguration.Duration(value));
}
