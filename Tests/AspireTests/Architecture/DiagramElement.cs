namespace Alexandrite.AspireTests.Architecture;

/// <summary>An element of a diagram: its C4 keyword, its alias, its $tags, and its line in containers.md.</summary>
internal sealed record DiagramElement(string Kind, string Alias, IReadOnlyList<string> Tags, int Line)
{
    public const string ResourceTag = "resource";
    public const string ContainersOnlyTag = "containers-only";
    public const string NotAResourceTag = "not-a-resource";

    /// <summary>A resource the automation view adds (Prometheus, Alertmanager): the earlier views need not show it.</summary>
    public const string AutomationLayerTag = "automation-layer";

    public static readonly IReadOnlyList<string> KnownTags = [ResourceTag, ContainersOnlyTag, NotAResourceTag, AutomationLayerTag];

    public bool IsResource => Tags.Contains(ResourceTag);

    public bool IsContainersOnly => Tags.Contains(ContainersOnlyTag);

    public bool IsNotAResource => Tags.Contains(NotAResourceTag);

    public bool IsAutomationLayer => Tags.Contains(AutomationLayerTag);

    public override string ToString() => $"{Alias} (line {Line} of {ContainerDiagram.SourceFile})";
}
