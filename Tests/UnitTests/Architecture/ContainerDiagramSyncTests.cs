using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Alexandrite.Contracts;
using Alexandrite.LocalRun;
using Alexandrite.LocalRun.Infrastructure;
using Alexandrite.LocalRun.Services;

namespace Alexandrite.UnitTests.Architecture;

/// <summary>How much of the running system a container diagram must show.</summary>
public enum DiagramScope
{
    /// <summary>
    /// Every resource of the Docker-free run. The as-is and tracing views stop there: the AppHost adds resources
    /// that belong to later views (Jaeger today, perhaps Prometheus tomorrow).
    /// </summary>
    DockerFreeRun,

    /// <summary>Every resource of the Docker-free run and of the AppHost: the view of the whole target.</summary>
    WholeSystem,
}

/// <summary>
/// The container diagrams in docs/architecture/containers.md and the running system name the same services and
/// infrastructure, in both directions: a resource the system runs but no diagram shows fails, and so does an
/// element that claims to be a resource the system does not run. The running system is read from code: the
/// Docker-free topology (ServiceCatalog, LocalSystem's servers and databases) and, once AppHost/ exists, the
/// resource names its Program.cs passes to AddProject, AddPostgres, AddDatabase and the like.
/// </summary>
public sealed partial class ContainerDiagramSyncTests
{
    private static readonly string Root = RepositoryRoot.Find();

    public static TheoryData<string, DiagramScope> Diagrams => new()
    {
        { "container-current", DiagramScope.DockerFreeRun },
        { "container-tracing", DiagramScope.DockerFreeRun },
        { "container-automation", DiagramScope.WholeSystem },
    };

    public static TheoryData<string> DiagramNames => ["container-current", "container-tracing", "container-automation"];

    [Theory]
    [MemberData(nameof(Diagrams))]
    public void Every_resource_of_the_running_system_has_an_element_in_the_diagram(string diagram, DiagramScope scope) =>
        AssertInSync(diagram, Sync.MissingFromDiagram(ContainerDiagram.Read(Root, diagram), RunningSystem.Read(Root), scope));

    [Theory]
    [MemberData(nameof(DiagramNames))]
    public void Every_element_marked_as_a_resource_exists_in_the_running_system(string diagram) =>
        AssertInSync(diagram, Sync.NotInRunningSystem(ContainerDiagram.Read(Root, diagram), RunningSystem.Read(Root)));

    [Theory]
    [MemberData(nameof(DiagramNames))]
    public void Every_element_says_whether_it_stands_for_a_resource(string diagram) =>
        AssertInSync(diagram, Sync.Unmarked(ContainerDiagram.Read(Root, diagram)));

    [Fact]
    public void Every_container_diagram_in_the_file_is_checked()
    {
        var inFile = ContainerDiagram.NamesIn(Root);
        var checkedHere = Diagrams.Select(row => (string)row[0]).ToList();

        Assert.Equal(inFile.Order(StringComparer.Ordinal), checkedHere.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_apphost_source_if_any_names_every_resource_in_a_way_this_test_can_read()
    {
        var system = RunningSystem.Read(Root);
        Assert.True(system.AppHostProblems.Count == 0, string.Join(Environment.NewLine, system.AppHostProblems));
    }

    // The tests below run the same comparison on made-up inputs, so the ones above are known to be able to fail.

    [Fact]
    public void A_resource_without_an_element_and_an_element_without_a_resource_are_both_reported()
    {
        var diagram = ContainerDiagram.Parse("sample", """
            C4Container
            Container(shop-api, "Shop API", "ASP.NET Core", "", $tags="resource")
            ContainerQueue(messaging, "RabbitMQ", "AMQP", "", $tags="resource,dockerfree:rabbitmq")
            Container(billing-api, "Billing API", "ASP.NET Core", "", $tags="resource")
            Person(customer, "Customer", $tags="not-a-resource")
            """);
        var system = new RunningSystem(
            [new("shop-api", "test"), new("messaging", "test"), new("rabbitmq", "test"), new("mes-api", "test")],
            AppHost: null,
            AppHostProblems: []);

        var missing = Assert.Single(Sync.MissingFromDiagram(diagram, system, DiagramScope.WholeSystem));
        var extra = Assert.Single(Sync.NotInRunningSystem(diagram, system));

        Assert.StartsWith("mes-api ", missing, StringComparison.Ordinal);
        Assert.StartsWith("billing-api ", extra, StringComparison.Ordinal);
    }

    [Fact]
    public void Apphost_resources_count_only_where_the_diagram_shows_the_whole_system()
    {
        var diagram = ContainerDiagram.Parse("sample", """
            Container(shop-api, "Shop API", "", "", $tags="resource")
            Container(jaeger, "Jaeger", "", "", $tags="resource,apphost-only")
            """);
        var system = new RunningSystem(
            [new("shop-api", "test")],
            AppHost: [new("shop-api", "AppHost"), new("jaeger", "AppHost"), new("prometheus", "AppHost")],
            AppHostProblems: []);

        Assert.Empty(Sync.MissingFromDiagram(diagram, system, DiagramScope.DockerFreeRun));
        Assert.StartsWith("prometheus ", Assert.Single(Sync.MissingFromDiagram(diagram, system, DiagramScope.WholeSystem)), StringComparison.Ordinal);
        Assert.Empty(Sync.NotInRunningSystem(diagram, system));
        Assert.StartsWith("jaeger ", Assert.Single(Sync.NotInRunningSystem(diagram, system with { AppHost = [new("shop-api", "AppHost")] })), StringComparison.Ordinal);
    }

    [Fact]
    public void An_element_with_no_marking_an_unknown_tag_or_a_repeated_alias_is_reported()
    {
        var diagram = ContainerDiagram.Parse("sample", """
            Container(shop-api, "Shop API")
            Container(mes-api, "MES API", "", "", $tags="resouce")
            System_Boundary(order-system, "Orders", $tags="not-a-resource") {
              Container(mes-api, "MES API again", "", "", $tags="resource")
            }
            Rel(shop-api, mes-api, "calls")
            """);

        var problems = Sync.Unmarked(diagram);

        // shop-api has no marking; mes-api's misspelt tag is unknown and leaves it unmarked too; mes-api is repeated.
        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("shop-api ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("mes-api ", StringComparison.Ordinal) && p.Contains("either", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("\"resouce\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("twice", StringComparison.Ordinal));
    }

    [Fact]
    public void The_apphost_reader_takes_names_from_literals_and_resource_name_constants_and_skips_comments()
    {
        var (resources, problems) = AppHostSource.Read("Program.cs", """
            var builder = DistributedApplication.CreateBuilder(args);
            var password = builder.AddParameter("postgres-password", secret: true);
            var postgres = builder.AddPostgres("postgres", password: password);
            var shopDb = postgres.AddDatabase(ResourceNames.ShopDatabase);
            var mesDb = postgres
                .AddDatabase(name: "mesdb");
            // builder.AddContainer("commented-out", "image");
            /* builder.AddContainer("also-commented-out", "image"); */
            builder.AddContainer("jaeger", "jaegertracing/jaeger", "2.13.0").WithEnvironment("URL", "http://x//y");
            builder.AddProject<Projects.Shop_Api>(Alexandrite.Contracts.ResourceNames.ShopApi).WithReference(shopDb);
            """);

        Assert.Empty(problems);
        string[] expected = ["postgres", "shopdb", "mesdb", "jaeger", "shop-api"];
        Assert.Equal(expected, resources.Select(r => r.Name));
    }

    [Fact]
    public void The_apphost_reader_refuses_names_it_cannot_read_and_hosting_calls_it_does_not_know()
    {
        var (_, problems) = AppHostSource.Read("Program.cs", """
            var name = "shop-api";
            builder.AddProject<Projects.Shop_Api>(name);
            builder.AddRedis("cache");
            builder.Services.AddHealthChecks();
            """);

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("AddProject", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("AddRedis", StringComparison.Ordinal));
    }

    private static void AssertInSync(string diagram, IReadOnlyList<string> problems)
    {
        if (problems.Count > 0)
        {
            Assert.Fail($"{diagram} in {ContainerDiagram.SourceFile} is out of sync with the running system:{Environment.NewLine}- "
                + string.Join(Environment.NewLine + "- ", problems));
        }
    }

    /// <summary>A resource of the running system and where the test found it (for the failure message).</summary>
    internal sealed record Resource(string Name, string Source);

    internal sealed record RunningSystem(IReadOnlyList<Resource> DockerFree, IReadOnlyList<Resource>? AppHost, IReadOnlyList<string> AppHostProblems)
    {
        public static RunningSystem Read(string root)
        {
            var (appHost, problems) = AppHostSource.ReadFolder(Path.Combine(root, "AppHost"));
            return new RunningSystem(ReadDockerFree(root), appHost, problems);
        }

        /// <summary>
        /// Every name the Docker-free run gives a service or a server: the services, the connection strings and
        /// service addresses they are given, the Postgres databases, and the infrastructure servers.
        /// </summary>
        private static List<Resource> ReadDockerFree(string root)
        {
            var resources = new List<Resource>();
            foreach (var service in ServiceCatalog.All)
            {
                resources.Add(new(service.ResourceName, $"a service in ServiceCatalog ({service.ProjectFolder})"));
                resources.AddRange(service.ConnectionNames.Select(name => new Resource(name, $"a connection string of {service.ResourceName} in ServiceCatalog")));
                resources.AddRange(service.ServiceReferences.Select(name => new Resource(name, $"a service {service.ResourceName} references in ServiceCatalog")));
            }

            var options = new LocalSystemOptions { RepositoryRoot = root, DataDirectory = DataRoot.ForRepository(root) };
            resources.AddRange(options.Postgres.Databases.Select(name => new Resource(name, "a database LocalSystemOptions creates")));

            // LocalSystem builds its servers in a private constructor and starts them at once, so the test builds the
            // same servers from the same default options instead (their constructors only compute paths; nothing is
            // started or written) and asks each its name. Which servers there are comes from LocalSystem's
            // properties, so a new one fails this test until it is added here and to the diagrams.
            var servers = typeof(LocalSystem).GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(property => typeof(IInfrastructureServer).IsAssignableFrom(property.PropertyType));
            foreach (var property in servers)
            {
                IInfrastructureServer server = property.PropertyType switch
                {
                    var type when type == typeof(PostgresServer) => new PostgresServer(options.Postgres, options.DataDirectory),
                    var type when type == typeof(RabbitMqServer) => new RabbitMqServer(options.RabbitMq, options.DataDirectory),
                    var type when type == typeof(S3Server) => new S3Server(options.S3, options.DataDirectory, root),
                    var type => throw new InvalidOperationException(
                        $"LocalSystem.{property.Name} is a {type.Name}, a server this test does not know: build it in {nameof(ReadDockerFree)} and add its element to the container diagrams."),
                };
                resources.Add(new(server.Name, $"LocalSystem.{property.Name}, the Docker-free {property.PropertyType.Name}"));
            }

            return resources;
        }
    }

    /// <summary>
    /// The AppHost's resource names, read from its C# source with a regular expression rather than by running it:
    /// the AppHost needs Aspire packages and Docker, which the Docker-free build has neither of. Good enough for
    /// the calls an AppHost is written with (builder.AddProject&lt;T&gt;("name"), .AddDatabase("name"), names as
    /// string literals or ResourceNames constants); anything it cannot read is reported, never skipped.
    /// </summary>
    internal static partial class AppHostSource
    {
        /// <summary>Hosting calls whose first argument names a resource the diagrams must show.</summary>
        private static readonly HashSet<string> ResourceMethods = new(StringComparer.Ordinal)
        {
            "AddProject", "AddPostgres", "AddDatabase", "AddRabbitMQ", "AddContainer", "AddConnectionString",
            "AddMinioContainer", "AddDockerfile", "AddExecutable",
            // The AppHost's own: MinIO and Jaeger containers, the host-process infrastructure (AppHost/Infrastructure).
            "AddMinio", "AddJaeger", "AddPostgresProcess", "AddProcessDatabase", "AddRabbitMqProcess", "AddS3Process",
        };

        /// <summary>Hosting calls that name something that is not a container: settings and publishing targets.</summary>
        private static readonly HashSet<string> OtherMethods = new(StringComparer.Ordinal)
        {
            "AddParameter", "AddDockerComposeEnvironment", "AddKubernetesEnvironment", "AddSecret",
        };

        /// <summary>
        /// Where the AppHost declares its resources: Program.cs, and the infrastructure of each mode. The other files
        /// define the helpers those call (with names as parameters), which say nothing about which resources exist.
        /// </summary>
        private static bool DeclaresResources(string file) =>
            Path.GetFileName(file) == "Program.cs" || Path.GetFileName(file).EndsWith("Infrastructure.cs", StringComparison.Ordinal);

        private static readonly Dictionary<string, string> ResourceNameConstants = typeof(ResourceNames)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .ToDictionary(field => field.Name, field => (string)field.GetRawConstantValue()!, StringComparer.Ordinal);

        public static (IReadOnlyList<Resource>? Resources, IReadOnlyList<string> Problems) ReadFolder(string folder)
        {
            var files = Directory.Exists(folder)
                ? Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                    .Where(file => !file.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj") && DeclaresResources(file))
                    .Order(StringComparer.Ordinal)
                    .ToList()
                : [];
            if (files.Count == 0)
            {
                return (null, []);
            }

            var resources = new List<Resource>();
            var problems = new List<string>();
            foreach (var file in files)
            {
                var (found, wrong) = Read(Path.GetRelativePath(Path.GetDirectoryName(folder)!, file), File.ReadAllText(file));
                resources.AddRange(found);
                problems.AddRange(wrong);
            }

            return (resources, problems);
        }

        public static (IReadOnlyList<Resource> Resources, IReadOnlyList<string> Problems) Read(string file, string source)
        {
            var code = WithoutComments(source);
            var resources = new List<Resource>();
            var problems = new List<string>();
            foreach (Match call in HostingCall().Matches(code))
            {
                var method = call.Groups["method"].Value;
                var argument = call.Groups["argument"].Value;
                var where = $"{file}:{code[..call.Index].Count(c => c == '\n') + 1}";
                var name = NameIn(argument);
                if (ResourceMethods.Contains(method))
                {
                    if (name is null)
                    {
                        problems.Add($"{where}: {method}({argument}...) names its resource in a way this test cannot read; use a string literal or a ResourceNames constant.");
                    }
                    else
                    {
                        resources.Add(new(name, $"{method} in {where}"));
                    }
                }
                else if (!OtherMethods.Contains(method) && name is not null)
                {
                    problems.Add($"{where}: {method}(\"{name}\") is a hosting call this test does not know; add it to {nameof(ResourceMethods)} if it makes a resource, else to {nameof(OtherMethods)}.");
                }
            }

            return (resources, problems);
        }

        private static string? NameIn(string argument)
        {
            if (argument.Length >= 2 && argument[0] == '"')
            {
                return argument[1..^1];
            }

            var constant = argument.Split('.');
            return constant.Length >= 2 && constant[^2] == nameof(ResourceNames) && ResourceNameConstants.TryGetValue(constant[^1], out var value) ? value : null;
        }

        /// <summary>The source with // and /* */ comments blanked out (newlines kept for line numbers), strings untouched.</summary>
        private static string WithoutComments(string source)
        {
            var code = new StringBuilder(source.Length);
            for (var i = 0; i < source.Length; i++)
            {
                if (source[i] == '"')
                {
                    var end = i + 1;
                    while (end < source.Length && source[end] != '"' && source[end] != '\n')
                    {
                        end += source[end] == '\\' ? 2 : 1;
                    }

                    end = Math.Min(end, source.Length - 1);
                    code.Append(source, i, end - i + 1);
                    i = end;
                }
                else if (source[i] == '/' && i + 1 < source.Length && source[i + 1] is '/' or '*')
                {
                    var block = source[i + 1] == '*';
                    var end = block ? source.IndexOf("*/", i + 2, StringComparison.Ordinal) : source.IndexOf('\n', i);
                    end = end < 0 ? source.Length : block ? end + 2 : end;
                    code.Append(new string(source[i..end].Select(c => c == '\n' ? '\n' : ' ').ToArray()));
                    i = end - 1;
                }
                else
                {
                    code.Append(source[i]);
                }
            }

            return code.ToString();
        }

        /// <summary>.AddSomething, an optional type argument, then the first argument: a string literal or a dotted name.</summary>
        [GeneratedRegex("""\.\s*(?<method>Add[A-Za-z0-9]+)\s*(?:<[^<>()]*>)?\s*\(\s*(?:name\s*:\s*)?(?<argument>"(?:[^"\\\n]|\\.)*"|[A-Za-z_][\w.]*)?""")]
        private static partial Regex HostingCall();
    }

    /// <summary>An element of a diagram: its C4 keyword, its alias, its $tags, and its line in the Mermaid block.</summary>
    internal sealed record DiagramElement(string Kind, string Alias, IReadOnlyList<string> Tags, int Line)
    {
        public const string ResourceTag = "resource";
        public const string AppHostOnlyTag = "apphost-only";
        public const string NotAResourceTag = "not-a-resource";
        public const string DockerFreePrefix = "dockerfree:";

        public bool IsResource => Tags.Contains(ResourceTag);

        public bool IsAppHostOnly => Tags.Contains(AppHostOnlyTag);

        public bool IsNotAResource => Tags.Contains(NotAResourceTag);

        /// <summary>The Docker-free server's name, when it differs from the resource's (RabbitMQ runs as "rabbitmq").</summary>
        public IEnumerable<string> DockerFreeNames => Tags
            .Where(tag => tag.StartsWith(DockerFreePrefix, StringComparison.Ordinal))
            .Select(tag => tag[DockerFreePrefix.Length..]);

        public override string ToString() => $"{Alias} (line {Line} of {ContainerDiagram.SourceFile})";
    }

    internal sealed partial record ContainerDiagram(string Name, IReadOnlyList<DiagramElement> Elements)
    {
        public const string SourceFile = "docs/architecture/containers.md";

        /// <summary>The C4 statements that draw an element (Mermaid's C4 grammar); Rel* and Update* draw none.</summary>
        private static readonly HashSet<string> ElementKinds = new(StringComparer.Ordinal)
        {
            "Person", "Person_Ext", "System", "System_Ext", "SystemDb", "SystemDb_Ext", "SystemQueue", "SystemQueue_Ext",
            "Container", "Container_Ext", "ContainerDb", "ContainerDb_Ext", "ContainerQueue", "ContainerQueue_Ext",
            "Component", "Component_Ext", "ComponentDb", "ComponentDb_Ext", "ComponentQueue", "ComponentQueue_Ext",
            "Boundary", "Enterprise_Boundary", "System_Boundary", "Container_Boundary",
            "Deployment_Node", "Node", "Node_L", "Node_R",
        };

        /// <summary>The names of the diagrams in containers.md (every one must be in <see cref="Diagrams"/>).</summary>
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

        /// <summary>Reads the elements of a Mermaid C4 diagram; <paramref name="firstLine"/> numbers its lines as in the file.</summary>
        public static ContainerDiagram Parse(string name, string mermaid, int firstLine = 1)
        {
            var elements = new List<DiagramElement>();
            var lines = mermaid.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var statement = Statement().Match(lines[i]);
                if (!statement.Success || !ElementKinds.Contains(statement.Groups["kind"].Value))
                {
                    continue;
                }

                var tags = Tags().Match(lines[i]);
                elements.Add(new DiagramElement(
                    statement.Groups["kind"].Value,
                    statement.Groups["alias"].Value,
                    tags.Success ? tags.Groups["tags"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [],
                    firstLine + i));
            }

            return new ContainerDiagram(name, elements);
        }

        private static string ReadSource(string root) => File.ReadAllText(Path.Combine(root, SourceFile)).ReplaceLineEndings("\n");

        [GeneratedRegex("""^<!-- diagram: (?<name>[a-z0-9-]+) -->$""", RegexOptions.Multiline)]
        private static partial Regex Marker();

        [GeneratedRegex("""^\s*(?<kind>[A-Za-z_]+)\s*\(\s*(?<alias>[^,\s)]+)""")]
        private static partial Regex Statement();

        [GeneratedRegex("""\$tags\s*=\s*"(?<tags>[^"]*)"?""")]
        private static partial Regex Tags();
    }

    /// <summary>The comparison, in three parts so that each test says which way the diagram and the code differ.</summary>
    internal static class Sync
    {
        public static IReadOnlyList<string> MissingFromDiagram(ContainerDiagram diagram, RunningSystem system, DiagramScope scope)
        {
            var resources = diagram.Elements.Where(e => e.IsResource).ToList();
            var shown = resources.Select(e => e.Alias).ToHashSet(StringComparer.Ordinal);
            var shownWithoutDocker = shown.Concat(resources.SelectMany(e => e.DockerFreeNames)).ToHashSet(StringComparer.Ordinal);
            var problems = new List<string>();
            foreach (var resource in Distinct(system.DockerFree).Where(r => !shownWithoutDocker.Contains(r.Name)))
            {
                problems.Add($"{resource.Name} ({resource.Source}) has no element: add one whose alias is {resource.Name}, tagged \"{DiagramElement.ResourceTag}\", or name it \"{DiagramElement.DockerFreePrefix}{resource.Name}\" on the element it serves.");
            }

            if (scope == DiagramScope.WholeSystem && system.AppHost is { } appHost)
            {
                foreach (var resource in Distinct(appHost).Where(r => !shown.Contains(r.Name)))
                {
                    problems.Add($"{resource.Name} ({resource.Source}) has no element: add one whose alias is {resource.Name}, tagged \"{DiagramElement.ResourceTag}\" (and \"{DiagramElement.AppHostOnlyTag}\" if the Docker-free run has no such resource).");
                }
            }

            return problems;
        }

        public static IReadOnlyList<string> NotInRunningSystem(ContainerDiagram diagram, RunningSystem system)
        {
            var dockerFree = system.DockerFree.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
            var appHost = system.AppHost?.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
            var problems = new List<string>();
            foreach (var element in diagram.Elements.Where(e => e.IsResource))
            {
                if (element.IsAppHostOnly && dockerFree.Contains(element.Alias))
                {
                    problems.Add($"{element} is tagged \"{DiagramElement.AppHostOnlyTag}\", but the Docker-free run has it too: drop that tag.");
                }
                else if (!element.IsAppHostOnly && !dockerFree.Contains(element.Alias))
                {
                    problems.Add($"{element} is tagged \"{DiagramElement.ResourceTag}\", but the Docker-free run (ServiceCatalog, LocalSystem) has no resource by that name.");
                }

                if (appHost is not null && !appHost.Contains(element.Alias))
                {
                    problems.Add($"{element} is tagged \"{DiagramElement.ResourceTag}\", but the AppHost declares no resource by that name.");
                }

                foreach (var name in element.DockerFreeNames.Where(name => !dockerFree.Contains(name)))
                {
                    problems.Add($"{element} says \"{DiagramElement.DockerFreePrefix}{name}\", but the Docker-free run has no server by that name.");
                }
            }

            return problems;
        }

        public static IReadOnlyList<string> Unmarked(ContainerDiagram diagram)
        {
            var known = new[] { DiagramElement.ResourceTag, DiagramElement.AppHostOnlyTag, DiagramElement.NotAResourceTag };
            var problems = new List<string>();
            foreach (var element in diagram.Elements)
            {
                if (element.IsResource == element.IsNotAResource)
                {
                    problems.Add($"{element} must be tagged either \"{DiagramElement.ResourceTag}\" (its alias is a resource name) or \"{DiagramElement.NotAResourceTag}\" (a person, an external system, a grouping, a planned element).");
                }
                else if (element.IsAppHostOnly && !element.IsResource)
                {
                    problems.Add($"{element} is tagged \"{DiagramElement.AppHostOnlyTag}\" without \"{DiagramElement.ResourceTag}\".");
                }

                foreach (var tag in element.Tags.Where(tag => !known.Contains(tag) && !tag.StartsWith(DiagramElement.DockerFreePrefix, StringComparison.Ordinal)))
                {
                    problems.Add($"{element} has the tag \"{tag}\", which is none of {string.Join(", ", known)}, {DiagramElement.DockerFreePrefix}NAME.");
                }
            }

            foreach (var repeated in diagram.Elements.GroupBy(e => e.Alias, StringComparer.Ordinal).Where(group => group.Count() > 1))
            {
                problems.Add($"{repeated.Key} is the alias of elements on lines {string.Join(" and ", repeated.Select(e => e.Line))}: Mermaid draws an alias once, so it must not appear twice.");
            }

            return problems;
        }

        private static IEnumerable<Resource> Distinct(IEnumerable<Resource> resources) =>
            resources.DistinctBy(resource => resource.Name, StringComparer.Ordinal);
    }
}
