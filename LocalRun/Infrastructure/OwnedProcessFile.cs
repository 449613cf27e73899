using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Alexandrite.LocalRun.Infrastructure;

/// <summary>
/// A PID file for a process this code started, so a later start can end a leftover one (after this process was
/// killed without stopping its servers). The PID is trusted only if that process's environment carries the
/// marker variable <see cref="MarkerVariable"/> set to the server's data folder: a reused PID is never ended.
/// </summary>
public sealed partial class OwnedProcessFile(string path, string dataDirectory)
{
    public const string MarkerVariable = "ALEXANDRITE_LOCALRUN_DATA";

    public string Path { get; } = path;

    /// <summary>The environment entry to give every process recorded in this file.</summary>
    public KeyValuePair<string, string?> Marker { get; } = new(MarkerVariable, dataDirectory);

    public void Write(int pid) => File.WriteAllText(Path, pid.ToString(CultureInfo.InvariantCulture));

    public void Delete() => File.Delete(Path);

    /// <summary>
    /// Starts a background process with <see cref="Marker"/> added to its environment and records its PID, so
    /// no process gets into this file without the marker that lets a later run recognise it.
    /// </summary>
    public BackgroundProcess StartBackground(ProcessSpec spec, string logFile)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var environment = new Dictionary<string, string?>(spec.Environment) { [Marker.Key] = Marker.Value };
        var process = ProcessRunner.StartBackground(spec with { Environment = environment }, logFile);
        Write(process.Id);
        return process;
    }

    /// <summary>Ends the recorded process if it is still ours and alive, and logs it if so; the file is removed either way.</summary>
    public async Task EndLeftoverAsync(TimeSpan grace, ILogger logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(logger);
        if (!File.Exists(Path))
        {
            return;
        }

        int? ended = null;
        if (int.TryParse(File.ReadAllText(Path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && ProcessSignals.IsAlive(pid)
            && HasMarker(pid))
        {
            await ProcessSignals.TerminateAsync(pid, grace, ct).ConfigureAwait(false);
            ended = pid;
        }

        Delete();
        if (ended is { } endedPid)
        {
            LogLeftover(logger, endedPid, Path);
        }
    }

    private bool HasMarker(int pid)
    {
        try
        {
            // /proc/PID/environ: NUL-separated NAME=value entries (readable for own processes, or as root).
            var expected = $"{Marker.Key}={Marker.Value}";
            return File.ReadAllText($"/proc/{pid}/environ").Split('\0').Contains(expected, StringComparer.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ended process {Pid} left by an earlier run ({PidFile})")]
    private static partial void LogLeftover(ILogger logger, int pid, string pidFile);
}
