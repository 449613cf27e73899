namespace Alexandrite.AppHost.Infrastructure;

internal static class WorkingDirectories
{
    /// <summary>
    /// Creates the executable's working folder (its data folder) just before it starts, not when the model is built:
    /// building the model (to publish it, or in a test that only inspects it) must leave the disk alone.
    /// </summary>
    public static IResourceBuilder<T> WithWorkingDirectoryCreatedAtStart<T>(this IResourceBuilder<T> executable)
        where T : ExecutableResource
    {
        executable.ApplicationBuilder.Eventing.Subscribe<BeforeResourceStartedEvent>(executable.Resource, (_, _) =>
        {
            Directory.CreateDirectory(executable.Resource.WorkingDirectory);
            return Task.CompletedTask;
        });
        return executable;
    }
}
