using System.Text.RegularExpressions;

namespace Alexandrite.AspireTests.Architecture;

/// <summary>A Mermaid C4 diagram of containers.md: its elements and its arrows.</summary>
internal sealed partial record ContainerDiagram(string Name, IReadOnlyList<DiagramElement> Elements, IReadOnlyList<DiagramRelationship> Relationships)
{
    public const string SourceFile = "docs/architecture/containers.md";

    /// <summary>The C4 statements that draw an element (Mermaid's C4 grammar); Rel* draw arrows, Update* nothing.</summary>
    private static readonly HashSet<string> ElementKinds = new(StringComparer.Ordinal)
    {
        "Person", "Person_Ext", "System", "System_Ext", "SystemDb", "SystemDb_Ext", "SystemQueue", "SystemQueue_Ext",
        "Container", "Container_Ext", "ContainerDb", "ContainerDb_Ext", "ContainerQueue", "ContainerQueue_Ext",
        "Component", "Component_Ext", "ComponentDb", "ComponentDb_Ext", "ComponentQueue", "ComponentQueue_Ext",
        "Boundary", "Enterprise_Boundary", "System_Boundary", "Container_Boundary",
        "Deployment_Node", "Node", "Node_L", "Node_R",
    };

    /// <summary>The names of the diagrams in containers.md (every one must be checked).</summary>
    public static IReadOnlyList<string> NamesIn(string root) =>
        Marker().Matches(ReadSource(root)).Select(match => match.Groups["name"].Value).ToList();

    /// <summary>The ```mermaid block that follows the line &lt;!-- diagram: NAME --&gt; in containers.md.</summary>
    public static ContainerDiagram Read(string root, string name)
    {
        var markdown = ReadSource(root);
        var marker = markdown.IndexOf($"<!-- diagram: {name} -->", StringComparison.Ordinal);
        Assert.True(marker >= 0, $"{SourceFile} has no <!-- diagram: {name} --> marker.");
        var start = markdown.IndexOf("```mermaid\n", marker, StringComparison.Ordinal);
        Assert.True(start >= 0, $"No ```mermaid block follows <!-- diagram: {name} --> in {SourceFile}.");
        start += "```mermaid\n".Length;
        var end = markdown.IndexOf("\n```", start, StringComparison.Ordinal);
        Assert.True(end >= 0, $"The ```mermaid block of {name} in {SourceFile} does not end.");
        return Parse(name, markdown[start..end], firstLine: markdown[..start].Count(c => c == '\n') + 1);
    }

    /// <summary>Reads a Mermaid C4 diagram; <paramref name="firstLine"/> numbers its lines as in the file.</summary>
    public static ContainerDiagram Parse(string name, string mermaid, int firstLine = 1)
    {
        var elements = new List<DiagramElement>();
        var relationships = new List<DiagramRelationship>();
        var lines = mermaid.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var statement = Statement().Match(lines[i]);
            if (!statement.Success)
            {
                continue;
            }

            var kind = statement.Groups["kind"].Value;
            var first = statement.Groups["first"].Value;
            var second = statement.Groups["second"].Value;
            if (ElementKinds.Contains(kind))
            {
                var tags = Tags().Match(lines[i]);
                elements.Add(new DiagramElement(
                    kind,
                    first,
                    tags.Success ? tags.Groups["tags"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [],
                    firstLine + i));
            }
            else if (kind == "Rel_Back")
            {
                relationships.Add(new DiagramRelationship(second, first, BothWays: false, firstLine + i));
            }
            else if (kind is "Rel" or "BiRel" || kind.StartsWith("Rel_", StringComparison.Ordinal))
            {
                // Rel_U, Rel_Down and the like only say where the arrow goes on the page.
                relationships.Add(new DiagramRelationship(first, second, BothWays: kind == "BiRel", firstLine + i));
            }
        }

        return new ContainerDiagram(name, elements, relationships);
    }

    private static string ReadSource(string root) => File.ReadAllText(Path.Combine(root, SourceFile)).ReplaceLineEndings("\n");

    [GeneratedRegex("""^<!-- diagram: (?<name>[a-z0-9-]+) -->$""", RegexOptions.Multiline)]
    private static partial Regex Marker();

    /// <summary>A C4 statement and its first two arguments: an element's alias, or the two ends of an arrow.</summary>
    [GeneratedRegex("""^\s*(?<kind>[A-Za-z_]+)\s*\(\s*(?<first>[^,\s)]+)(?:\s*,\s*(?<second>[^,\s)]+))?""")]
    private static partial Regex Statement();

    [GeneratedRegex("""\$tags\s*=\s*"(?<tags>[^"]*)"?""")]
    private static partial Regex Tags();
}
