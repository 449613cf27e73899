namespace Alexandrite.UnitTests.Services;

/// <summary>The four services in memory (<see cref="ServiceFactory"/>), started once for a test class.</summary>
public sealed class RunningServices : IAsyncLifetime
{
    internal IReadOnlyList<IServiceUnderTest> All { get; } = ServiceFactory.Names.Select(ServiceFactory.Create).ToList();

    /// <summary>One of them by project name; a service starts when a test first uses it.</summary>
    internal IServiceUnderTest Named(string name) => All.Single(service => service.Name == name);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var service in All)
        {
            await service.DisposeAsync();
        }
    }
}
