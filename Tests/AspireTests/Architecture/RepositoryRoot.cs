namespace Alexandrite.AspireTests.Architecture;

/// <summary>The repository's root, found from the test's binaries, wherever the repository is checked out.</summary>
internal static class RepositoryRoot
{
    private const string Marker = "Alexandrite.Aspire.sln";

    public static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, Marker)))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds {Marker}.");
    }
}
