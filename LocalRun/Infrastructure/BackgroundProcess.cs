using System.Diagnostics;

namespace Alexandrite.LocalRun.Infrastructure;

/// <summary>
/// A long-running server process started by <see cref="ProcessRunner.StartBackground"/>, with its output
/// appended to <see cref="LogFile"/>. It leads its own session and process group (setsid), so Ctrl+C in the
/// terminal reaches only the parent, which then stops it in order.
/// </summary>
public sealed class BackgroundProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal BackgroundProcess(Process process, ProcessSpec spec, string logFile)
    {
        _process = process;
        Spec = spec;
        LogFile = logFile;
        Id = process.Id;
        _process.Exited += (_, _) => _exited.TrySetResult();
        if (_process.HasExited)
        {
            _exited.TrySetResult();
        }
    }

    public int Id { get; }

    public ProcessSpec Spec { get; }

    public string LogFile { get; }

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Completes when the process exits.</summary>
    public Task Exited => _exited.Task;

    /// <summary>Waits for the process to exit; false when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout, CancellationToken ct)
    {
        var finished = await Task.WhenAny(Exited, Task.Delay(timeout, ct)).ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
        return finished == Exited;
    }

    /// <summary>SIGTERM, then SIGKILL to the whole process group if it has not exited after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace, CancellationToken ct)
    {
        if (HasExited)
        {
            return;
        }

        ProcessSignals.Terminate(Id);
        if (await WaitForExitAsync(grace, ct).ConfigureAwait(false))
        {
            return;
        }

        // The group also holds children the process started (e.g. beam.smp under the rabbitmq-server script).
        ProcessSignals.KillGroup(Id);
        await WaitForExitAsync(TimeSpan.FromSeconds(5), ct).ConfigureAwait(false);
    }

    public void Dispose() => _process.Dispose();
}
