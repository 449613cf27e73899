namespace Alexandrite.LocalRun.Infrastructure;

/// <summary>The one folder under which every infrastructure server keeps its data and logs.</summary>
public static class DataRoot
{
    /// <summary>
    /// rwxr-xr-x: when running as root, Postgres runs as user postgres, which must be able to pass through
    /// this folder to reach its own (postgres-owned) subfolder.
    /// </summary>
    public const UnixFileMode Mode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>&lt;repository&gt;/.local, the developer run's folder (ignored by git).</summary>
    public static string ForRepository(string repositoryRoot) => Path.Combine(repositoryRoot, ".local");

    /// <summary>
    /// A new empty folder under the temp directory, for tests. (Directory.CreateTempSubdirectory makes it 0700,
    /// which user postgres could not enter.) The caller deletes it after stopping the servers.
    /// </summary>
    public static string CreateTemporary(string prefix = "alexandrite-")
    {
        var path = Path.Combine(Path.GetTempPath(), prefix + Path.GetRandomFileName().Replace(".", string.Empty, StringComparison.Ordinal));
        return Ensure(path);
    }

    /// <summary>Creates the folder if needed; returns its full path.</summary>
    public static string Ensure(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(full, Mode);
        return full;
    }
}
