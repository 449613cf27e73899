namespace Alexandrite.AspireTests.Architecture;

/// <summary>
/// The container diagrams in docs/architecture/containers.md and the running system name the same services and
/// infrastructure, in both directions: a resource the AppHost runs but no diagram shows fails, and so does an
/// element that claims to be a resource the AppHost does not run. The running system is the AppHost's own
/// application model, built (not started) in process mode and in container mode. The view of the system as it is
/// also draws every WithReference between resources as an arrow, and no other arrow between them.
/// </summary>
public sealed class ContainerDiagramSyncTests(AppHostModels models) : IClassFixture<AppHostModels>
{
    private static readonly string Root = RepositoryFiles.Root;

    public static TheoryData<string, DiagramScope> Diagrams => new()
    {
        { "container-current", DiagramScope.HostProcesses },
        { "container-tracing", DiagramScope.HostProcesses },
        { "container-automation", DiagramScope.EveryMode },
    };

    /// <summary>
    /// The diagrams that draw the order flows between the services, the broker, the databases and S3. The target
    /// views leave them out (containers.md says so): their arrows go through the telemetry pipeline instead.
    /// </summary>
    public static TheoryData<string, DiagramScope> DiagramsDrawingTheFlows => new()
    {
        { "container-current", DiagramScope.HostProcesses },
    };

    public static TheoryData<string> DiagramNames => ["container-current", "container-tracing", "container-automation"];

    private RunningSystem System => models.System;

    /// <summary>
    /// What a diagram of <paramref name="scope"/> must agree with: the earlier views (as it is, tracing) stop before the
    /// resources the automation view adds, tagged automation-layer there.
    /// </summary>
    private RunningSystem SystemFor(DiagramScope scope) => scope == DiagramScope.HostProcesses
        ? System.Without(ContainerDiagram.Read(Root, "container-automation").Elements
            .Where(element => element.IsAutomationLayer).Select(element => element.Alias).ToHashSet(StringComparer.Ordinal))
        : System;

    [Theory]
    [MemberData(nameof(Diagrams))]
    public void Every_resource_of_the_running_system_has_an_element_in_the_diagram(string diagram, DiagramScope scope) =>
        AssertInSync(diagram, Sync.MissingFromDiagram(ContainerDiagram.Read(Root, diagram), SystemFor(scope), scope));

    [Theory]
    [MemberData(nameof(DiagramNames))]
    public void Every_element_marked_as_a_resource_exists_in_the_running_system(string diagram) =>
        AssertInSync(diagram, Sync.NotInRunningSystem(ContainerDiagram.Read(Root, diagram), System));

    [Theory]
    [MemberData(nameof(DiagramNames))]
    public void Every_element_says_whether_it_stands_for_a_resource(string diagram) =>
        AssertInSync(diagram, Sync.Unmarked(ContainerDiagram.Read(Root, diagram)));

    [Theory]
    [MemberData(nameof(DiagramsDrawingTheFlows))]
    public void Every_reference_between_resources_has_an_arrow_in_the_diagram(string diagram, DiagramScope scope) =>
        AssertInSync(diagram, Sync.ReferencesNotDrawn(ContainerDiagram.Read(Root, diagram), SystemFor(scope), scope));

    [Theory]
    [MemberData(nameof(Diagrams))]
    public void Every_arrow_between_two_resources_is_a_reference_of_the_running_system(string diagram, DiagramScope scope) =>
        AssertInSync(diagram, Sync.ArrowsWithoutReference(ContainerDiagram.Read(Root, diagram), SystemFor(scope), scope));

    [Fact]
    public void Every_container_diagram_in_the_file_is_checked()
    {
        var inFile = ContainerDiagram.NamesIn(Root);
        var checkedHere = Diagrams.Select(row => (string)row[0]).ToList();

        Assert.Equal(inFile.Order(StringComparer.Ordinal), checkedHere.Order(StringComparer.Ordinal));
    }

    // The tests below run the same comparison on made-up inputs, so the ones above are known to be able to fail.

    [Fact]
    public void A_resource_without_an_element_and_an_element_without_a_resource_are_both_reported()
    {
        var diagram = ContainerDiagram.Parse("sample", """
            C4Container
            Container(shop-api, "Shop API", "ASP.NET Core", "", $tags="resource")
            ContainerQueue(messaging, "RabbitMQ", "AMQP", "", $tags="resource")
            Container(billing-api, "Billing API", "ASP.NET Core", "", $tags="resource")
            Person(customer, "Customer", $tags="not-a-resource")
            """);
        RunningResource[] resources = [Made("shop-api"), Made("messaging"), Made("mes-api")];
        var system = new RunningSystem(resources, resources);

        var missing = Assert.Single(Sync.MissingFromDiagram(diagram, system, DiagramScope.HostProcesses));
        var extra = Assert.Single(Sync.NotInRunningSystem(diagram, system));

        Assert.StartsWith("mes-api ", missing, StringComparison.Ordinal);
        Assert.StartsWith("billing-api ", extra, StringComparison.Ordinal);
    }

    [Fact]
    public void Container_mode_resources_count_only_where_the_diagram_shows_every_mode()
    {
        var diagram = ContainerDiagram.Parse("sample", """
            Container(shop-api, "Shop API", "", "", $tags="resource")
            Container(jaeger, "Jaeger", "", "", $tags="resource,containers-only")
            """);
        var system = new RunningSystem([Made("shop-api")], [Made("shop-api"), Made("jaeger"), Made("prometheus")]);

        Assert.Empty(Sync.MissingFromDiagram(diagram, system, DiagramScope.HostProcesses));
        Assert.StartsWith("prometheus ", Assert.Single(Sync.MissingFromDiagram(diagram, system, DiagramScope.EveryMode)), StringComparison.Ordinal);
        Assert.Empty(Sync.NotInRunningSystem(diagram, system));
        Assert.StartsWith("jaeger ", Assert.Single(Sync.NotInRunningSystem(diagram, system with { Containers = [Made("shop-api")] })), StringComparison.Ordinal);
    }

    [Fact]
    public void An_element_must_run_in_container_mode_and_in_process_mode_unless_it_is_containers_only()
    {
        var diagram = ContainerDiagram.Parse("sample", """
            Container(shop-api, "Shop API", "", "", $tags="resource,containers-only")
            Container(jaeger, "Jaeger", "", "", $tags="resource")
            Container(s3rver, "S3 without containers", "", "", $tags="resource")
            """);
        var system = new RunningSystem([Made("shop-api"), Made("s3rver")], [Made("shop-api"), Made("jaeger")]);

        var problems = Sync.NotInRunningSystem(diagram, system);

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("shop-api ", StringComparison.Ordinal) && p.Contains("drop that tag", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("jaeger ", StringComparison.Ordinal) && p.Contains("container mode only", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("s3rver ", StringComparison.Ordinal) && p.Contains("process mode only", StringComparison.Ordinal));
    }

    [Fact]
    public void An_element_with_no_marking_an_unknown_tag_or_a_repeated_alias_is_reported()
    {
        var diagram = ContainerDiagram.Parse("sample", """
            Container(shop-api, "Shop API")
            Container(mes-api, "MES API", "", "", $tags="resouce")
            ContainerQueue(messaging, "RabbitMQ", "", "", $tags="not-a-resource,containers-only")
            System_Boundary(order-system, "Orders", $tags="not-a-resource") {
              Container(mes-api, "MES API again", "", "", $tags="resource")
            }
            Rel(shop-api, mes-api, "calls")
            """);

        var problems = Sync.Unmarked(diagram);

        // shop-api has no marking; mes-api's misspelt tag is unknown and leaves it unmarked too; mes-api is repeated;
        // containers-only qualifies a resource, so it cannot go with not-a-resource.
        Assert.Equal(5, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("shop-api ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("mes-api ", StringComparison.Ordinal) && p.Contains("either", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("\"resouce\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("twice", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("messaging ", StringComparison.Ordinal) && p.Contains("without", StringComparison.Ordinal));
    }

    [Fact]
    public void A_reference_without_an_arrow_and_an_arrow_without_a_reference_are_both_reported()
    {
        var diagram = ContainerDiagram.Parse("sample", """
            Person(customer, "Customer", $tags="not-a-resource")
            Container(shop-web, "Shop", "", "", $tags="resource")
            Container(shop-api, "Shop API", "", "", $tags="resource")
            Container(mes-api, "MES API", "", "", $tags="resource")
            ContainerQueue(messaging, "RabbitMQ", "", "", $tags="resource")
            ContainerDb(shopdb, "Shop DB", "", "", $tags="resource")
            Rel(customer, shop-web, "Orders")
            Rel(shop-web, shop-api, "Creates")
            Rel_Back(messaging, shop-api, "order.submitted")
            BiRel(messaging, mes-api, "order.*")
            Rel(shop-api, mes-api, "Asks directly")
            """);
        // Container mode's reference to Jaeger is outside the scope of a view of process mode.
        var system = new RunningSystem(
            [Made("shop-web", "shop-api"), Made("shop-api", "messaging", "shopdb"), Made("mes-api", "messaging"), Made("messaging"), Made("shopdb")],
            [Made("shop-api", "jaeger"), Made("jaeger")]);

        var notDrawn = Assert.Single(Sync.ReferencesNotDrawn(diagram, system, DiagramScope.HostProcesses));
        var noReference = Assert.Single(Sync.ArrowsWithoutReference(diagram, system, DiagramScope.HostProcesses));

        Assert.StartsWith("shop-api references shopdb ", notDrawn, StringComparison.Ordinal);
        Assert.StartsWith("the arrow shop-api → mes-api ", noReference, StringComparison.Ordinal);
    }

    private static RunningResource Made(string name, params string[] references) => new(name, "made up", references);

    private static void AssertInSync(string diagram, IReadOnlyList<string> problems)
    {
        if (problems.Count > 0)
        {
            Assert.Fail($"{diagram} in {ContainerDiagram.SourceFile} is out of sync with the AppHost:{Environment.NewLine}- "
                + string.Join(Environment.NewLine + "- ", problems));
        }
    }
}
