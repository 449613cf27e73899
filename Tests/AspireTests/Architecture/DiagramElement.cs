namespace Alexandrite.AspireTests.Architecture;

/// <summary>An element of a diagram: its C4 keyword, its alias, its $tags, and its line in containers.md.</summary>
internal sealed record DiagramElement(string Kind, string Alias, IReadOnlyList<string> Tags, int Line)
{
    public const string ResourceTag = "resource";
    public const string ContainersOnlyTag = "containers-only";
    public const string NotAResourceTag = "not-a-resource";

    public static readonly IReadOnlyList<string> KnownTags = [ResourceTag, ContainersOnlyTag, NotAResourceTag];

    public bool IsResource => Tags.Contains(ResourceTag);

    public bool IsContainersOnly => Tags.Contains(ContainersOnlyTag);

    public bool IsNotAResource => Tags.Contains(NotAResourceTag);

    public override string ToString() => $"{Alias} (line {Line} of {ContainerDiagram.SourceFile})";
}
