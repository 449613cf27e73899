namespace Alexandrite.LocalRun.Infrastructure;

/// <summary>What to run: executable, arguments (passed verbatim, no shell), environment and working folder.</summary>
/// <param name="FileName">Executable path, or a name looked up in PATH.</param>
/// <param name="Arguments">Arguments, one per element; nothing is split or expanded.</param>
public sealed record ProcessSpec(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>Variables added to (or, with a null value, removed from) this process's environment.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    public string? WorkingDirectory { get; init; }

    /// <summary>The same command run as another Unix user through <c>runuser -u USER --</c> (root only).</summary>
    public ProcessSpec AsUser(string user) =>
        this with { FileName = "runuser", Arguments = ["-u", user, "--", FileName, .. Arguments] };

    public override string ToString() => string.Join(' ', Arguments.Prepend(FileName));
}
