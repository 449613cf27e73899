using System.Text.Json;
using NuGet.Versioning;

namespace Alexandrite.UnitTests.Architecture;

/// <summary>
/// Central Package Management pins transitive packages too, and NuGet here keeps a pin lower than a package it
/// comes with requires without a word (Npgsql 10.0.0 under Aspire.Npgsql, which needs 10.0.3, was one). Every
/// project's restore result (obj/project.assets.json, written by the build that precedes the tests) is read, and
/// every package's dependency must have resolved to at least the version it asks for.
/// </summary>
public sealed class PackageVersionTests
{
    private static readonly string Root = RepositoryRoot.Find();

    [Fact]
    public void No_package_resolves_below_what_a_package_that_uses_it_requires()
    {
        var assets = Directory.EnumerateFiles(Root, "project.assets.json", SearchOption.AllDirectories)
            .Where(path => path.Split(Path.DirectorySeparatorChar).Contains("obj") && !path.Contains("node_modules", StringComparison.Ordinal))
            .ToList();
        Assert.True(assets.Count >= 10, $"Only {assets.Count} restored projects found under {Root}: build the solution first.");

        var problems = assets.SelectMany(Downgrades).Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.True(problems.Count == 0, "Raise these pins in Directory.Packages.props:\n" + string.Join('\n', problems));
    }

    [Fact]
    public void A_dependency_resolved_below_its_minimum_is_reported()
    {
        using var assets = JsonDocument.Parse("""
            { "targets": { "net10.0": {
                "Aspire.Npgsql/13.6.5": { "type": "package", "dependencies": { "Npgsql": "10.0.3", "Polly.Core": "[8.4.2, )" } },
                "Npgsql/10.0.0": { "type": "package" },
                "Polly.Core/8.8.1": { "type": "package" } } } }
            """);

        var problem = Assert.Single(Downgrades("sample", assets.RootElement));

        Assert.Contains("Npgsql 10.0.0", problem, StringComparison.Ordinal);
        Assert.Contains("Aspire.Npgsql 13.6.5 requires >= 10.0.3", problem, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Downgrades(string path)
    {
        using var assets = JsonDocument.Parse(File.ReadAllText(path));
        return Downgrades(Path.GetRelativePath(Root, path), assets.RootElement).ToList();
    }

    private static IEnumerable<string> Downgrades(string source, JsonElement assets)
    {
        foreach (var target in assets.GetProperty("targets").EnumerateObject())
        {
            var resolved = target.Value.EnumerateObject().ToDictionary(
                library => library.Name[..library.Name.IndexOf('/', StringComparison.Ordinal)],
                library => NuGetVersion.Parse(library.Name[(library.Name.IndexOf('/', StringComparison.Ordinal) + 1)..]),
                StringComparer.OrdinalIgnoreCase);
            foreach (var library in target.Value.EnumerateObject())
            {
                if (!library.Value.TryGetProperty("dependencies", out var dependencies))
                {
                    continue;
                }

                foreach (var dependency in dependencies.EnumerateObject())
                {
                    var range = VersionRange.Parse(dependency.Value.GetString()!);
                    if (range.MinVersion is { } minimum && resolved.TryGetValue(dependency.Name, out var version)
                        && (version < minimum || (version == minimum && !range.IsMinInclusive)))
                    {
                        yield return $"{dependency.Name} {version} ({source}, {target.Name}): {library.Name.Replace('/', ' ')} requires >= {minimum}";
                    }
                }
            }
        }
    }
}
