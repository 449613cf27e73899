namespace Alexandrite.UnitTests;

/// <summary>The repository the tests run from (deploy/ and docs/ are read from it): the folder holding the solution.</summary>
internal static class RepositoryRoot
{
    private const string SolutionFile = "Alexandrite.Aspire.sln";

    /// <exception cref="DirectoryNotFoundException">No folder above the test assembly holds the solution.</exception>
    public static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds {SolutionFile}.");
    }
}
