namespace Alexandrite.AspireTests.Architecture;

/// <summary>
/// The AppHost's application model in process mode and in container mode, built once for the test class: the
/// resources exactly as Program.cs declares them, read before anything is built or started (no container runtime,
/// no host processes, no dashboard: Aspire adds the dashboard only when the application starts).
/// </summary>
public sealed class AppHostModels : IAsyncLifetime
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The relationship types Aspire writes for WithReference and for a resource that belongs to another.</summary>
    private const string ReferenceRelationship = "Reference";
    private const string ParentRelationship = "Parent";

    private RunningSystem? _system;

    internal RunningSystem System => _system ?? throw new InvalidOperationException("The AppHost models are not built.");

    public async Task InitializeAsync() =>
        _system = new RunningSystem(await ReadAsync("Processes", "process mode"), await ReadAsync("Containers", "container mode"));

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<IReadOnlyList<RunningResource>> ReadAsync(string mode, string label)
    {
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>([$"Infrastructure:Mode={mode}"]).WaitAsync(BuildTimeout);
        try
        {
            var architecture = appHost.Resources.Where(IsPartOfTheArchitecture).ToList();
            var names = architecture.Select(resource => resource.Name).ToHashSet(StringComparer.Ordinal);
            return architecture
                .Select(resource => new RunningResource(resource.Name, $"a {resource.GetType().Name} in {label}", ReferencesOf(resource, names)))
                .ToList();
        }
        finally
        {
            await appHost.DisposeAsync().AsTask().WaitAsync(BuildTimeout);
        }
    }

    /// <summary>
    /// Parameters are the AppHost's secrets and settings, not parts of the system. A resource whose parent is a
    /// project is Aspire's own hidden helper for that project ("shop-api-rebuilder"), which the dashboard never shows.
    /// </summary>
    private static bool IsPartOfTheArchitecture(IResource resource) =>
        resource is not ParameterResource and not IResourceWithParent { Parent: ProjectResource };

    /// <summary>
    /// The architecture resources this one names in WithReference, except its parent: a database references its
    /// server in process mode, and the diagrams draw that as the database inside the server's boundary, not as an arrow.
    /// </summary>
    private static List<string> ReferencesOf(IResource resource, HashSet<string> architecture)
    {
        var relationships = resource.Annotations.OfType<ResourceRelationshipAnnotation>().ToList();
        var parents = relationships.Where(r => r.Type == ParentRelationship).Select(r => r.Resource.Name).ToHashSet(StringComparer.Ordinal);
        if (resource is IResourceWithParent child)
        {
            parents.Add(child.Parent.Name);
        }

        return relationships
            .Where(r => r.Type == ReferenceRelationship && architecture.Contains(r.Resource.Name) && !parents.Contains(r.Resource.Name))
            .Select(r => r.Resource.Name)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
