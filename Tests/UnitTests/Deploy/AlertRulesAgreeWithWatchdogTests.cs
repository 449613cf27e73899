extern alias CrmApi;

using System.Text.RegularExpressions;
using Alexandrite.Contracts;
using Alexandrite.ServiceDefaults.Telemetry;
using CrmApi::Alexandrite.Crm.Api.Watchdog;
using YamlDotNet.RepresentationModel;

namespace Alexandrite.UnitTests.Deploy;

/// <summary>
/// The alert rules (deploy/prometheus/alerts.yml) and Crm.Api's watchdog (Watchdog:Limits) say the same thing about
/// when an order is late: OrdersStuck counts what the watchdog counts, and the seed's "SUBMITTED for over 10
/// minutes" rule selects exactly the age bands past the watchdog's SUBMITTED limit. A limit changed on one side
/// only fails here.
/// </summary>
public sealed partial class AlertRulesAgreeWithWatchdogTests
{
    private static readonly Dictionary<string, YamlMappingNode> Rules = ReadRules();

    private static readonly WatchdogOptions Watchdog = new();

    [Fact]
    public void OrdersStuck_fires_on_the_watchdog_s_own_count_of_orders_past_their_limit()
    {
        var expression = Expression("OrdersStuck");

        Assert.Contains(Prometheus(OrderMetrics.StuckOrderCount), expression, StringComparison.Ordinal);
        Assert.Matches(@"\)\s*>\s*0\s*$", expression);
        // One alert per stage and owner: the inbox links a firing alert to the orders stuck in its stage.
        Assert.StartsWith("sum by (order_stage_name, order_stage_owner)", expression, StringComparison.Ordinal);
    }

    [Fact]
    public void OrdersWaitingForPrice_counts_the_orders_in_SUBMITTED_past_the_watchdog_s_limit()
    {
        var limit = Watchdog.StageLimits()[OrderStatus.Submitted];
        var bound = OrderMetrics.AgeBandBounds.ToList().IndexOf(limit);
        Assert.True(bound >= 0, $"The watchdog's SUBMITTED limit ({limit}) must be an age band bound ({string.Join(", ", OrderMetrics.AgeBandBounds)}) for the rule to select the orders past it.");

        var selector = StageSelector().Match(Expression("OrdersWaitingForPrice"));
        Assert.True(selector.Success, "OrdersWaitingForPrice selects SUBMITTED orders by age band.");
        Assert.Equal(OrderStatus.Submitted.ToName(), selector.Groups["stage"].Value);
        // Band i + 1 starts at bound i: the bands from the limit on.
        Assert.Equal(OrderMetrics.AgeBands.Skip(bound + 1), selector.Groups["bands"].Value.Split('|'));
    }

    [Fact]
    public void OrderWatchdogAbsent_waits_many_check_intervals_before_it_says_the_watchdog_is_silent()
    {
        var waits = Duration(Rules["OrderWatchdogAbsent"]);

        Assert.Contains($"absent({Prometheus(OrderMetrics.StuckOrderCount)})", Expression("OrderWatchdogAbsent"), StringComparison.Ordinal);
        Assert.True(waits >= 10 * Watchdog.CheckInterval, $"{waits} is under ten watchdog checks ({Watchdog.CheckInterval} each): a restart would page.");
    }

    /// <summary>The Prometheus name of a gauge (dots to underscores; these gauges have no unit suffix).</summary>
    private static string Prometheus(string metric) => metric.Replace('.', '_');

    private static string Expression(string alert) => ((YamlScalarNode)Rules[alert]["expr"]).Value!.Trim();

    private static TimeSpan Duration(YamlMappingNode rule)
    {
        var text = ((YamlScalarNode)rule["for"]).Value!;
        var value = int.Parse(text[..^1], System.Globalization.CultureInfo.InvariantCulture);
        return text[^1] switch
        {
            's' => TimeSpan.FromSeconds(value),
            'm' => TimeSpan.FromMinutes(value),
            'h' => TimeSpan.FromHours(value),
            _ => throw new FormatException($"Unexpected duration {text}"),
        };
    }

    private static Dictionary<string, YamlMappingNode> ReadRules()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "deploy", "prometheus", "alerts.yml"))));
        return ((YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode)["groups"]).Children
            .SelectMany(group => ((YamlSequenceNode)group["rules"]).Children.Cast<YamlMappingNode>())
            .ToDictionary(rule => ((YamlScalarNode)rule["alert"]).Value!, StringComparer.Ordinal);
    }

    [GeneratedRegex("""order_stage_name="(?<stage>\w+)",\s*order_stage_age_band=~"(?<bands>[\w|]+)"\}\)\)\s*/""")]
    private static partial Regex StageSelector();
}
