namespace Alexandrite.AspireTests.Architecture;

/// <summary>
/// An arrow of a diagram, from the element that uses to the element it uses (as WithReference points), with its line
/// in containers.md. BiRel points both ways; Rel_Back is stored turned round, since Mermaid draws its head at the first alias.
/// </summary>
internal sealed record DiagramRelationship(string From, string To, bool BothWays, int Line)
{
    public bool Joins(string from, string to) =>
        (From == from && To == to) || (BothWays && From == to && To == from);

    public override string ToString() => $"the arrow {From} → {To} (line {Line} of {ContainerDiagram.SourceFile})";
}
