using System.Diagnostics;
using System.Globalization;

namespace Alexandrite.AspireTests.Hosting;

/// <summary>
/// Faults, made the way a developer makes them on the dashboard or at a shell: a resource's Stop and Start commands,
/// and kill -9 of the process its dashboard entry reports (executable.pid). Each waits, with a timeout, for the state
/// the fault leads to.
/// </summary>
public static class ResourceLifecycle
{
    /// <summary>How long a stop, a crash or a start (until healthy) may take.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private const string ProcessIdProperty = "executable.pid";

    public static async Task StopResourceAsync(this DistributedApplication app, string resourceName)
    {
        await app.RunCommandAsync(resourceName, KnownResourceCommands.StopCommand);
        await app.WaitForStoppedAsync(resourceName);
    }

    /// <summary>Starts a stopped or crashed resource again and waits until its health checks pass.</summary>
    public static async Task StartResourceAsync(this DistributedApplication app, string resourceName)
    {
        await app.RunCommandAsync(resourceName, KnownResourceCommands.StartCommand);

        // The command may return before the orchestrator reports the new run: until then the state is the old run's
        // (Exited after a kill, Finished after a stop), which the healthy-wait takes for a failure to start (it stopped
        // the kill -9 drill of Shop.Api in one CI run). So first the new run, or its failure to start.
        await app.ResourceNotifications.WaitForResourceAsync(
            resourceName,
            resource => resource.Snapshot.State?.Text is { } state
                && (state == KnownResourceStates.Starting || state == KnownResourceStates.Running || state == KnownResourceStates.FailedToStart))
            .WaitAsync(Timeout);
        await app.ResourceNotifications.WaitForResourceHealthyAsync(resourceName).WaitAsync(Timeout);
    }

    /// <summary>SIGKILL to the resource's process: no shutdown, no flush, as a crash or the OOM killer ends it.</summary>
    public static async Task KillResourceAsync(this DistributedApplication app, string resourceName)
    {
        if (!app.ResourceNotifications.TryGetCurrentState(resourceName, out var current)
            || current.Snapshot.Properties.FirstOrDefault(property => property.Name == ProcessIdProperty)?.Value is not { } pid)
        {
            throw new InvalidOperationException($"{resourceName} reports no {ProcessIdProperty}.");
        }

        // The orchestrator starts a project as `dotnet run --no-build`, whose child is the service itself: SIGKILL to
        // the whole tree, or the service would live on as an orphan.
        using (var process = Process.GetProcessById(Convert.ToInt32(pid, CultureInfo.InvariantCulture)))
        {
            process.Kill(entireProcessTree: true);
        }

        await app.WaitForStoppedAsync(resourceName);
    }

    /// <summary>Runs one of the resource's dashboard commands, as a click on it does; fails when the command reports failure.</summary>
    public static async Task RunCommandAsync(this DistributedApplication app, string resourceName, string command)
    {
        var result = await app.ResourceCommands.ExecuteCommandAsync(resourceName, command).WaitAsync(Timeout);
        if (!result.Success)
        {
            throw new InvalidOperationException($"{command} {resourceName} failed: {result.Message}");
        }
    }

    private static Task<string> WaitForStoppedAsync(this DistributedApplication app, string resourceName) =>
        app.ResourceNotifications.WaitForResourceAsync(resourceName, KnownResourceStates.TerminalStates).WaitAsync(Timeout);
}
