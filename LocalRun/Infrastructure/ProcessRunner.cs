using System.ComponentModel;
using System.Diagnostics;

namespace Alexandrite.LocalRun.Infrastructure;

/// <summary>The one place that starts processes: commands run to completion, and long-running servers.</summary>
public static class ProcessRunner
{
    /// <summary>
    /// Wraps the server so its output goes straight to the log file (no pipe through this process: a server
    /// must not block or get SIGPIPE when this process stops reading) and stdin is /dev/null. `exec` keeps
    /// the PID, so the PID we hold is the server's. setsid gives it its own session, away from the terminal.
    /// bash, not sh: dash drops variables whose names are not shell identifiers, such as the AppHost-style
    /// services__shop-api__http__0, and bash passes them on.
    /// </summary>
    private const string RedirectScript = "log=$1; shift; exec \"$@\" </dev/null >>\"$log\" 2>&1";

    /// <summary>How long to wait for output after the command exited (a daemon it spawned may hold the pipes).</summary>
    private static readonly TimeSpan OutputDrainTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Runs a command to completion and captures its output.</summary>
    /// <exception cref="TimeoutException">It did not finish within <paramref name="timeout"/>; it was killed.</exception>
    public static async Task<ProcessResult> RunAsync(ProcessSpec spec, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var stopwatch = Stopwatch.StartNew();
        var startInfo = CreateStartInfo(spec);
        startInfo.RedirectStandardInput = true;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;

        using var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult();
        Start(process, spec);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        try
        {
            await exited.Task.WaitAsync(timeoutCts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            ct.ThrowIfCancellationRequested();
            var partial = await DrainAsync(stdout, stderr).ConfigureAwait(false);
            throw new TimeoutException(
                $"'{spec}' did not finish within {timeout.TotalSeconds:0} s and was killed. Output so far:{Environment.NewLine}{partial.Out}{partial.Err}");
        }

        var (output, error) = await DrainAsync(stdout, stderr).ConfigureAwait(false);
        return new ProcessResult(spec, process.ExitCode, output, error, stopwatch.Elapsed);
    }

    /// <summary>Starts a long-running server with stdout and stderr appended to <paramref name="logFile"/>.</summary>
    public static BackgroundProcess StartBackground(ProcessSpec spec, string logFile)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logFile))!);
        var wrapped = spec with
        {
            FileName = "setsid",
            Arguments = ["/bin/bash", "-c", RedirectScript, "bash", logFile, spec.FileName, .. spec.Arguments],
        };
        var process = new Process { StartInfo = CreateStartInfo(wrapped), EnableRaisingEvents = true };
        try
        {
            Start(process, spec);
        }
        catch
        {
            process.Dispose();
            throw;
        }

        return new BackgroundProcess(process, spec, logFile);
    }

    private static ProcessStartInfo CreateStartInfo(ProcessSpec spec)
    {
        var startInfo = new ProcessStartInfo(spec.FileName)
        {
            UseShellExecute = false,
            WorkingDirectory = spec.WorkingDirectory ?? string.Empty,
        };
        foreach (var argument in spec.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in spec.Environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        return startInfo;
    }

    private static void Start(Process process, ProcessSpec spec)
    {
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Cannot run '{spec.FileName}': {e.Message}. Is it installed? See eng/install-prerequisites.sh.", e);
        }
    }

    private static async Task<(string Out, string Err)> DrainAsync(Task<string> stdout, Task<string> stderr)
    {
        var both = Task.WhenAll(stdout, stderr);
        await Task.WhenAny(both, Task.Delay(OutputDrainTimeout)).ConfigureAwait(false);
        return (stdout.IsCompletedSuccessfully ? stdout.Result : string.Empty,
                stderr.IsCompletedSuccessfully ? stderr.Result : string.Empty);
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
