using System.Diagnostics;

namespace Alexandrite.UnitTests.Deploy;

/// <summary>A command-line tool's run (promtool, amtool): its exit code and its output, stdout and stderr together.</summary>
internal sealed record ToolRun(string CommandLine, int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Runs <paramref name="tool"/> to its end, killed after <paramref name="timeout"/>.</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The tool is not installed.</exception>
    public static async Task<ToolRun> RunAsync(string tool, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish within {timeout}.");
        }

        return new ToolRun($"{tool} {string.Join(' ', arguments)}", process.ExitCode, await stdout + await stderr);
    }
}
