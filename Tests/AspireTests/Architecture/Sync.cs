namespace Alexandrite.AspireTests.Architecture;

/// <summary>The comparison, in parts, so that each test says which way a diagram and the AppHost differ.</summary>
internal static class Sync
{
    private static readonly string Resource = $"\"{DiagramElement.ResourceTag}\"";
    private static readonly string ContainersOnly = $"\"{DiagramElement.ContainersOnlyTag}\"";
    private static readonly string NotAResource = $"\"{DiagramElement.NotAResourceTag}\"";

    public static IReadOnlyList<string> MissingFromDiagram(ContainerDiagram diagram, RunningSystem system, DiagramScope scope)
    {
        var shown = diagram.Elements.Where(e => e.IsResource).Select(e => e.Alias).ToHashSet(StringComparer.Ordinal);
        return system.In(scope)
            .Where(resource => !shown.Contains(resource.Name))
            .Select(resource => $"{resource.Name} ({resource.Description}) has no element: add one whose alias is {resource.Name}, tagged {Resource} (and {ContainersOnly} if process mode has no such resource).")
            .ToList();
    }

    /// <summary>An element tagged resource runs in container mode, and in process mode unless it is tagged containers-only.</summary>
    public static IReadOnlyList<string> NotInRunningSystem(ContainerDiagram diagram, RunningSystem system)
    {
        var processes = system.Processes.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var containers = system.Containers.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var element in diagram.Elements.Where(e => e.IsResource))
        {
            var inProcesses = processes.Contains(element.Alias);
            var inContainers = containers.Contains(element.Alias);
            if (!inProcesses && !inContainers)
            {
                problems.Add($"{element} is tagged {Resource}, but the AppHost has no resource by that name in either mode.");
                continue;
            }

            if (!inContainers)
            {
                problems.Add($"{element} is tagged {Resource}, but the AppHost runs it in process mode only: a resource the diagrams show must run in container mode too.");
            }

            if (element.IsContainersOnly && inProcesses)
            {
                problems.Add($"{element} is tagged {ContainersOnly}, but the AppHost runs it in process mode too: drop that tag.");
            }
            else if (!element.IsContainersOnly && !inProcesses)
            {
                problems.Add($"{element} is tagged {Resource}, but the AppHost runs it in container mode only: tag it {ContainersOnly} too.");
            }
        }

        return problems;
    }

    public static IReadOnlyList<string> Unmarked(ContainerDiagram diagram)
    {
        var problems = new List<string>();
        foreach (var element in diagram.Elements)
        {
            if (element.IsResource == element.IsNotAResource)
            {
                problems.Add($"{element} must be tagged either {Resource} (its alias is a resource name) or {NotAResource} (a person, an external system, a grouping, a planned element).");
            }
            else if (element.IsContainersOnly && !element.IsResource)
            {
                problems.Add($"{element} is tagged {ContainersOnly} without {Resource}.");
            }

            foreach (var tag in element.Tags.Where(tag => !DiagramElement.KnownTags.Contains(tag)))
            {
                problems.Add($"{element} has the tag \"{tag}\", which is none of {string.Join(", ", DiagramElement.KnownTags)}.");
            }
        }

        foreach (var repeated in diagram.Elements.GroupBy(e => e.Alias, StringComparer.Ordinal).Where(group => group.Count() > 1))
        {
            problems.Add($"{repeated.Key} is the alias of elements on lines {string.Join(" and ", repeated.Select(e => e.Line))}: Mermaid draws an alias once, so it must not appear twice.");
        }

        return problems;
    }

    /// <summary>Each WithReference between two resources of the scope, drawn as an arrow (for the views that draw the flows).</summary>
    public static IReadOnlyList<string> ReferencesNotDrawn(ContainerDiagram diagram, RunningSystem system, DiagramScope scope) =>
        system.ReferencesIn(scope)
            .Where(reference => !diagram.Relationships.Any(arrow => arrow.Joins(reference.From, reference.To)))
            .Select(reference => $"{reference.From} references {reference.To} in the AppHost, but no arrow joins them: add Rel({reference.From}, {reference.To}, ...).")
            .ToList();

    /// <summary>An arrow between two elements tagged resource is a WithReference of the AppHost, in that direction.</summary>
    public static IReadOnlyList<string> ArrowsWithoutReference(ContainerDiagram diagram, RunningSystem system, DiagramScope scope)
    {
        var resources = diagram.Elements.Where(e => e.IsResource).Select(e => e.Alias).ToHashSet(StringComparer.Ordinal);
        var references = system.ReferencesIn(scope);
        return diagram.Relationships
            .Where(arrow => resources.Contains(arrow.From) && resources.Contains(arrow.To))
            .Where(arrow => !references.Any(reference => arrow.Joins(reference.From, reference.To)))
            .Select(arrow => $"{arrow} joins two resources, but {arrow.From} does not reference {arrow.To} in the AppHost{(arrow.BothWays ? ", nor the other way round" : "")}: draw it from the resource that references the other, or drop it.")
            .ToList();
    }
}
