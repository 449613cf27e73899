using System.Runtime.InteropServices;

namespace Alexandrite.LocalRun.Infrastructure;

/// <summary>
/// POSIX signals by PID. .NET's Process.Kill only sends SIGKILL; servers need SIGTERM to shut down cleanly,
/// so this calls kill(2) directly (https://man7.org/linux/man-pages/man2/kill.2.html).
/// </summary>
public static class ProcessSignals
{
    private const int SigKill = 9;
    private const int SigTerm = 15;

    /// <summary>Asks the process to shut down (SIGTERM). Returns false when it no longer exists.</summary>
    public static bool Terminate(int pid) => Send(pid, SigTerm);

    /// <summary>Ends the process at once (SIGKILL).</summary>
    public static bool Kill(int pid) => Send(pid, SigKill);

    /// <summary>SIGKILL to every process of the group led by <paramref name="processGroupId"/> (kill(-pgid)).</summary>
    public static bool KillGroup(int processGroupId) => Send(-processGroupId, SigKill);

    /// <summary>
    /// True while the process exists and is not a zombie. Reads /proc because kill(pid, 0) also succeeds for
    /// zombies, which a container's PID 1 may never reap.
    /// </summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            // /proc/PID/stat: "pid (comm) S ..."; the state letter follows the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var end = stat.LastIndexOf(')');
            return end >= 0 && end + 2 < stat.Length && stat[end + 2] != 'Z' && stat[end + 2] != 'X';
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    /// <summary>SIGTERM, then SIGKILL if the process is still there after <paramref name="grace"/>.</summary>
    /// <returns>True when the process is gone.</returns>
    public static async Task<bool> TerminateAsync(int pid, TimeSpan grace, CancellationToken ct)
    {
        if (!IsAlive(pid))
        {
            return true;
        }

        Terminate(pid);
        if (await WaitUntilGoneAsync(pid, grace, ct).ConfigureAwait(false))
        {
            return true;
        }

        Kill(pid);
        return await WaitUntilGoneAsync(pid, TimeSpan.FromSeconds(5), ct).ConfigureAwait(false);
    }

    public static async Task<bool> WaitUntilGoneAsync(int pid, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsAlive(pid))
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(100, ct).ConfigureAwait(false);
        }

        return true;
    }

    private static bool Send(int pid, int signal) => Kill(pid, signal) == 0;

    // DllImport rather than LibraryImport: the latter needs AllowUnsafeBlocks, and this signature is blittable.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int sig);
}
