using System.Text.RegularExpressions;

namespace Alexandrite.Benchmarks.Load;

/// <summary>
/// What lies behind the 5xx answers of a run: the exceptions the services' logs name ("Npgsql.PostgresException
/// (0x80004005): 53300: sorry, too many clients already"), counted, most frequent first, from the resource logs the run
/// wrote (console output, colours stripped).
/// </summary>
internal static partial class ServerErrorCauses
{
    private const int Shown = 6;
    private const int MaxLength = 160;

    public static IReadOnlyList<string> Find(string logDirectory, IEnumerable<string> resourceNames) =>
        [.. resourceNames
            .Select(name => (Name: name, Path: Path.Combine(logDirectory, name + ".log")))
            .Where(log => File.Exists(log.Path))
            .SelectMany(log => ReadShared(log.Path).Select(line => ExceptionLine().Match(Colour().Replace(line, ""))).Where(match => match.Success)
                .Select(match => $"{log.Name}: {Cut(match.Value.Trim())}"))
            .GroupBy(cause => cause, StringComparer.Ordinal)
            .OrderByDescending(group => group.Count())
            .Take(Shown)
            .Select(group => $"{group.Count()}x {group.Key}")];

    /// <summary>The log is still being written by the run's watcher: read it without locking it.</summary>
    private static IEnumerable<string> ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    private static string Cut(string text) => text.Length > MaxLength ? text[..MaxLength] + "..." : text;

    [GeneratedRegex(@"[A-Za-z0-9_.]+Exception(?: \(0x[0-9A-Fa-f]+\))?: .*$")]
    private static partial Regex ExceptionLine();

    /// <summary>ANSI colour codes, which the console logger writes around "fail" and "warn".</summary>
    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex Colour();
}
