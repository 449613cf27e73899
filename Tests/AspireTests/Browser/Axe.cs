using System.Text.Json;
using Microsoft.Playwright;

namespace Alexandrite.AspireTests.Browser;

/// <summary>
/// axe-core (https://github.com/dequelabs/axe-core, Shop.Web's devDependency, so the version is the lockfile's) run
/// in the page as it is: every WCAG 2.x A/AA rule and axe's best practices; a violation of serious or critical impact
/// fails the test, with every such violation listed.
/// </summary>
internal static class Axe
{
    /// <summary>Shop.Web's copy, installed by npm on every build (Shop.Web.csproj).</summary>
    public static string ScriptPath { get; } = Path.Combine(RepositoryFiles.Root, "Shop.Web", "node_modules", "axe-core", "axe.min.js");

    /// <summary>
    /// Makes axe available on every page <paramref name="page"/>'s profile opens from now on. An init script, not a
    /// script tag: the pages' CSP (script-src 'self') refuses inline scripts, and an init script is not the page's.
    /// </summary>
    public static async Task InjectAsync(IPage page)
    {
        Assert.True(File.Exists(ScriptPath), $"axe-core is not installed at {ScriptPath}: build Shop.Web (it runs npm ci).");
        await page.Context.AddInitScriptAsync(scriptPath: ScriptPath);
    }

    /// <summary>Runs axe on the page as it shows now; fails listing every serious or critical violation.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string what)
    {
        // Load, not NetworkIdle: a page following an order live keeps a request open.
        await page.WaitForLoadStateAsync(LoadState.Load);
        var json = await page.EvaluateAsync<string>(
            """
            async () => {
                const result = await axe.run(document, { resultTypes: ["violations"] });
                return JSON.stringify(result.violations
                    .filter(violation => violation.impact === "serious" || violation.impact === "critical")
                    .map(violation => ({
                        id: violation.id,
                        impact: violation.impact,
                        help: violation.help,
                        nodes: violation.nodes.map(node => node.target.join(" ") + ": " + (node.failureSummary ?? "").replaceAll("\n", " ")),
                    })));
            }
            """);
        var violations = JsonSerializer.Deserialize<List<Violation>>(json, JsonSerializerOptions.Web)!;
        Assert.True(violations.Count == 0,
            $"axe found {violations.Count} serious or critical violation(s) on {what} ({page.Url}, {page.ViewportSize?.Width}x{page.ViewportSize?.Height}):\n"
            + string.Join("\n", violations.Select(violation => $"- {violation.Impact} {violation.Id}: {violation.Help}\n    " + string.Join("\n    ", violation.Nodes))));
    }

    private sealed record Violation(string Id, string Impact, string Help, IReadOnlyList<string> Nodes);
}
