namespace Alexandrite.LocalRun.Infrastructure;

/// <summary>Finds the repository (for eng/s3rver and the default .local data folder).</summary>
public static class RepositoryRoot
{
    /// <summary>Solution file names that mark the root (.slnx is what `dotnet new sln` writes since .NET 9).</summary>
    public static readonly IReadOnlyList<string> MarkerFiles = ["Alexandrite.Aspire.sln", "Alexandrite.Aspire.slnx"];

    /// <summary>Walks up from <paramref name="startDirectory"/> (default: the app's base directory) to the folder holding the solution.</summary>
    /// <exception cref="DirectoryNotFoundException">No parent folder holds the solution file.</exception>
    public static string Find(string? startDirectory = null)
    {
        var start = Path.GetFullPath(startDirectory ?? AppContext.BaseDirectory);
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (MarkerFiles.Any(m => File.Exists(Path.Combine(dir.FullName, m))))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above {start} contains {string.Join(" or ", MarkerFiles)}.");
    }
}
