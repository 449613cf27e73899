using System.Diagnostics;

namespace Alexandrite.LocalRun.Infrastructure;

/// <summary>
/// The lifecycle every <see cref="IInfrastructureServer"/> shares; a server supplies how it starts and stops.
/// </summary>
/// <remarks>
/// Start and stop take turns (a stop during a start would find half-made state). A start that throws is
/// followed by <see cref="StopAfterFailedStartAsync"/>, so the caller never has to stop a server that did not
/// start, and errors other than <see cref="InfrastructureStartException"/> and cancellation are reported with
/// the tail of <see cref="LogFile"/>, where the server usually says what went wrong.
/// </remarks>
public abstract class InfrastructureServer : IInfrastructureServer
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public abstract string Name { get; }

    /// <summary>The server's log; its last lines go into the error when a start fails.</summary>
    public abstract string LogFile { get; }

    /// <summary>The server as named in a start error ("&lt;DisplayName&gt; did not start: …").</summary>
    protected abstract string DisplayName { get; }

    public async Task StartAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var stopwatch = Stopwatch.StartNew();
            try
            {
                await StartCoreAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                await CleanUpAfterFailedStartAsync().ConfigureAwait(false);
                if (e is InfrastructureStartException or OperationCanceledException)
                {
                    throw;
                }

                throw InfrastructureStartException.WithLogTail($"{DisplayName} did not start: {e.Message}", LogFile, e);
            }

            ReportReady(stopwatch.ElapsedMilliseconds);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task StopAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await StopCoreAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the server. The gate is not disposed, so Stop/Dispose stay safe to call again.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        // No finalizer here; the call spares a derived type that adds one from re-implementing disposal (CA1816).
        GC.SuppressFinalize(this);
    }

    /// <summary>Starts the server and returns once it accepts clients. Runs under the gate.</summary>
    protected abstract Task StartCoreAsync(CancellationToken ct);

    /// <summary>Stops whatever is running; does nothing when nothing is. Runs under the gate.</summary>
    protected abstract Task StopCoreAsync(CancellationToken ct);

    /// <summary>
    /// Undoes a start that threw, with no token: the caller's token may be the one that ended the start, and
    /// the processes must not outlive it. Override when a failed server needs a different way down.
    /// </summary>
    protected virtual Task StopAfterFailedStartAsync() => StopCoreAsync(CancellationToken.None);

    /// <summary>Logs that the server is ready, <paramref name="elapsedMs"/> after the start began.</summary>
    protected abstract void ReportReady(long elapsedMs);

    /// <summary>Logs that <see cref="StopAfterFailedStartAsync"/> threw; the start's own error is thrown after it.</summary>
    protected abstract void ReportCleanupFailed(Exception exception);

    private async Task CleanUpAfterFailedStartAsync()
    {
        try
        {
            await StopAfterFailedStartAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Cleanup after a failure must not hide the original error.
        catch (Exception e)
#pragma warning restore CA1031
        {
            ReportCleanupFailed(e);
        }
    }
}
