namespace Alexandrite.LocalRun.Infrastructure;

/// <summary>Outcome of a command run to completion by <see cref="ProcessRunner.RunAsync"/>.</summary>
public sealed record ProcessResult(ProcessSpec Spec, int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Both output streams, for error messages.</summary>
    public string Output => string.Join(Environment.NewLine, new[] { StandardOutput.Trim(), StandardError.Trim() }.Where(s => s.Length > 0));

    /// <summary>Throws when the exit code is not 0, with the command and its output in the message.</summary>
    public ProcessResult EnsureSuccess()
    {
        if (!Succeeded)
        {
            throw new InvalidOperationException($"'{Spec}' exited with code {ExitCode}:{Environment.NewLine}{Output}");
        }

        return this;
    }
}
