using System.Text.Json;
using System.Text.RegularExpressions;
using Alexandrite.AspireTests.Hosting;

namespace Alexandrite.AspireTests.Monitoring;

/// <summary>
/// The PromQL of deploy/: the alert rules' expr fields and the Grafana dashboard's target expressions, and the
/// metric names they select. Enough PromQL to find metric names, not a parser: string literals, label matchers
/// ({...}), ranges ([...]) and grouping clauses (by (...), without (...), on (...), ...) are cut away; what is left
/// that looks like a name and is not a function call (name followed by '(') or a keyword is a metric name.
/// </summary>
internal static partial class MonitoringFiles
{
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right", "inf", "nan", "atan2",
    };

    public static string AlertRules => Path.Combine(RepositoryFiles.Root, "deploy", "prometheus", "alerts.yml");

    public static IEnumerable<string> Dashboards => Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, "deploy", "grafana", "dashboards"), "*.json");

    /// <summary>Series Prometheus writes itself for every scrape target, which no service emits (ServiceDown's "up").</summary>
    public static readonly IReadOnlySet<string> PrometheusOwnSeries = new HashSet<string>(StringComparer.Ordinal) { "up" };

    /// <summary>Every metric name the alert rules and the dashboards select.</summary>
    public static IReadOnlySet<string> MetricNamesUsed() =>
        RuleExpressions(File.ReadAllLines(AlertRules))
            .Concat(Dashboards.SelectMany(file => DashboardExpressions(File.ReadAllText(file))))
            .SelectMany(MetricNames)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The expr values of a rules file: inline, or a block scalar (expr: | or >) over the lines indented below it.</summary>
    public static IEnumerable<string> RuleExpressions(IReadOnlyList<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var match = ExprLine().Match(lines[i]);
            if (!match.Success)
            {
                continue;
            }

            var value = match.Groups["value"].Value.Trim();
            if (value is not ("|" or "|-" or ">" or ">-"))
            {
                yield return value.Trim('"', '\'');
                continue;
            }

            var indent = match.Groups["indent"].Value.Length;
            var block = new List<string>();
            while (i + 1 < lines.Count && (lines[i + 1].Trim().Length == 0 || lines[i + 1].TakeWhile(c => c == ' ').Count() > indent))
            {
                block.Add(lines[++i]);
            }

            yield return string.Join('\n', block);
        }
    }

    /// <summary>Every "expr" string anywhere in a Grafana dashboard (panels, nested rows, targets).</summary>
    public static IEnumerable<string> DashboardExpressions(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Walk(document.RootElement).ToList();

        static IEnumerable<string> Walk(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.Object => element.EnumerateObject().SelectMany(property =>
                property.Name == "expr" && property.Value.ValueKind == JsonValueKind.String ? [property.Value.GetString()!] : Walk(property.Value)),
            JsonValueKind.Array => element.EnumerateArray().SelectMany(Walk),
            _ => [],
        };
    }

    public static IEnumerable<string> MetricNames(string promQl)
    {
        var text = StringLiteral().Replace(promQl, " ");
        text = LabelMatchers().Replace(text, " ");
        text = Ranges().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        return Identifier().Matches(text)
            .Where(match => !Keywords.Contains(match.Value) && !FollowedByParenthesis(text, match.Index + match.Length))
            .Select(match => match.Value)
            .Distinct();
    }

    private static bool FollowedByParenthesis(string text, int index)
    {
        while (index < text.Length && char.IsWhiteSpace(text[index]))
        {
            index++;
        }

        return index < text.Length && text[index] == '(';
    }

    [GeneratedRegex(@"^(?<indent>\s*)(?:-\s*)?expr:\s*(?<value>.*)$")]
    private static partial Regex ExprLine();

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", RegexOptions.IgnoreCase)]
    private static partial Regex Grouping();

    // A name starts with a letter, '_' or ':' (not a digit, so numbers and durations are not names); a Grafana
    // variable ($__rate_interval) is not one either.
    [GeneratedRegex(@"(?<![\w$.])[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifier();
}
