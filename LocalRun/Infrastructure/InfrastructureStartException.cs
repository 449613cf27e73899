namespace Alexandrite.LocalRun.Infrastructure;

/// <summary>An infrastructure server did not become ready; the message carries the tail of its log.</summary>
public sealed class InfrastructureStartException : Exception
{
    public InfrastructureStartException()
    {
    }

    public InfrastructureStartException(string message)
        : base(message)
    {
    }

    public InfrastructureStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Builds "<paramref name="problem"/>" followed by the last lines of <paramref name="logFile"/>.</summary>
    public static InfrastructureStartException WithLogTail(string problem, string logFile, Exception? inner = null)
    {
        var message = $"{problem}{Environment.NewLine}Last lines of {logFile}:{Environment.NewLine}{LogTail.Read(logFile)}";
        return inner is null ? new InfrastructureStartException(message) : new InfrastructureStartException(message, inner);
    }
}
