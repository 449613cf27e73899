namespace Alexandrite.AspireTests.Architecture;

/// <summary>
/// A resource of the AppHost as the diagrams see it: its name, what it is (for failure messages), and the names of
/// the other such resources it references (WithReference).
/// </summary>
internal sealed record RunningResource(string Name, string Description, IReadOnlyList<string> References);

/// <summary>The AppHost's resources in each infrastructure mode.</summary>
internal sealed record RunningSystem(IReadOnlyList<RunningResource> Processes, IReadOnlyList<RunningResource> Containers)
{
    /// <summary>The resources a diagram of this scope must show; a resource of both modes once, as process mode has it.</summary>
    public IReadOnlyList<RunningResource> In(DiagramScope scope) => scope switch
    {
        DiagramScope.HostProcesses => Processes,
        DiagramScope.EveryMode => Processes.Concat(Containers).DistinctBy(resource => resource.Name, StringComparer.Ordinal).ToList(),
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, null),
    };

    /// <summary>The same system without the resources named <paramref name="left"/> and the references to them.</summary>
    public RunningSystem Without(IReadOnlySet<string> left)
    {
        IReadOnlyList<RunningResource> Keep(IEnumerable<RunningResource> resources) => resources
            .Where(resource => !left.Contains(resource.Name))
            .Select(resource => resource with { References = resource.References.Where(to => !left.Contains(to)).ToList() })
            .ToList();
        return new RunningSystem(Keep(Processes), Keep(Containers));
    }

    /// <summary>Every reference, as (from, to), that the AppHost makes in a mode of this scope.</summary>
    public IReadOnlySet<(string From, string To)> ReferencesIn(DiagramScope scope)
    {
        var modes = scope == DiagramScope.HostProcesses ? Processes : Processes.Concat(Containers);
        return modes.SelectMany(resource => resource.References.Select(to => (resource.Name, to))).ToHashSet();
    }
}
