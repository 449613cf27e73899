using System.ComponentModel;

namespace Alexandrite.UnitTests.Deploy;

/// <summary>
/// deploy/ checked by Prometheus's and Alertmanager's own tools (Debian's prometheus and prometheus-alertmanager
/// packages, which eng/install-prerequisites.sh installs): the rules load, every alert fires and stays quiet as
/// alerts.test.yml expects, and the Alertmanager configuration loads.
/// </summary>
public sealed class MonitoringConfigTests
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(2);
    private static readonly string Deploy = Path.Combine(RepositoryRoot.Find(), "deploy");
    private static readonly string Rules = Path.Combine(Deploy, "prometheus", "alerts.yml");

    [Fact]
    public async Task The_alert_rules_are_valid() =>
        await RunAsync("promtool", "check", "rules", Rules);

    [Fact]
    public async Task Every_alert_fires_and_stays_quiet_as_its_promtool_tests_expect() =>
        await RunAsync("promtool", "test", "rules", Path.Combine(Deploy, "prometheus", "alerts.test.yml"));

    [Fact]
    public async Task The_alertmanager_configuration_is_valid() =>
        await RunAsync("amtool", "check-config", Path.Combine(Deploy, "alertmanager", "alertmanager.yml"));

    /// <summary>The check above would pass on a promtool that passed everything: a test that must fail, does.</summary>
    [Fact]
    public async Task Promtool_fails_a_test_whose_expectation_the_rules_do_not_meet()
    {
        var folder = Directory.CreateTempSubdirectory("alexandrite-promtool-");
        try
        {
            var test = Path.Combine(folder.FullName, "wrong.test.yml");
            await File.WriteAllTextAsync(test, $$"""
                rule_files:
                  - {{Rules}}
                evaluation_interval: 1m
                tests:
                  - interval: 1m
                    input_series:
                      - series: 'alexandrite_order_stuck_count{job="crm-api", instance="crm-1", order_stage_name="SUBMITTED", order_stage_owner="mes-api"}'
                        values: '0x12'
                    alert_rule_test:
                      - eval_time: 10m
                        alertname: OrdersStuck
                        exp_alerts:
                          - exp_labels:
                              severity: warning
                              order_stage_name: SUBMITTED
                              order_stage_owner: mes-api
                """);

            var result = await ToolRun.RunAsync("promtool", ["test", "rules", test], ToolTimeout);

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("FAILED", result.Output, StringComparison.Ordinal);
            Assert.Contains("alertname: OrdersStuck", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task RunAsync(string tool, params string[] arguments)
    {
        ToolRun result;
        try
        {
            result = await ToolRun.RunAsync(tool, arguments, ToolTimeout);
        }
        catch (Win32Exception exception)
        {
            throw new Xunit.Sdk.XunitException($"{tool} is not installed ({exception.Message}); eng/install-prerequisites.sh installs it.");
        }

        Assert.True(result.Succeeded, $"'{result.CommandLine}' exited with {result.ExitCode}:{Environment.NewLine}{result.Output}");
    }
}
