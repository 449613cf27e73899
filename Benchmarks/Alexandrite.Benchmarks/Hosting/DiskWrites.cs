using System.Diagnostics;

namespace Alexandrite.Benchmarks.Hosting;

/// <summary>
/// Writes the kernel's dirty pages out (sync(1)) between the parts of a run, so one part's writes are not flushed
/// during the next one's measurement: a system stopped with its data folder deleted, or a million rows seeded and
/// vacuumed, leaves hundreds of megabytes to write back, which competes with the next part's file and WAL writes.
/// Twice the setting run right after the million rows (1.0) saw s3rver, which writes three files per object, answer
/// no upload within the S3 client's 4 s during its warm-up; run on its own minutes later, it did not.
/// </summary>
internal static class DiskWrites
{
    public static async Task FlushAsync(CancellationToken cancellationToken)
    {
        using var sync = Process.Start(new ProcessStartInfo("sync") { UseShellExecute = false })
            ?? throw new InvalidOperationException("sync(1) could not be started.");
        await sync.WaitForExitAsync(cancellationToken);
    }
}
