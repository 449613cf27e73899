namespace Alexandrite.AspireTests.Hosting;

/// <summary>The repository the tests run from, found through the AppHost project they test (deploy/ and docs/ sit beside it).</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = ParentOf(AppHostFolder(Projects.AppHost.ProjectPath));

    /// <summary>The project's folder, whether the generated metadata names the folder or the .csproj in it.</summary>
    private static string AppHostFolder(string projectPath) =>
        File.Exists(projectPath) ? ParentOf(projectPath) : Path.TrimEndingDirectorySeparator(projectPath);

    private static string ParentOf(string path) =>
        Path.GetDirectoryName(path) ?? throw new InvalidOperationException($"{path} has no parent folder.");
}
