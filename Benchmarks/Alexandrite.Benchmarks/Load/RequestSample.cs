namespace Alexandrite.Benchmarks.Load;

/// <summary>One request: its answer's status code (0: no answer, a timeout or a refused connection) and how long it took.</summary>
internal sealed record RequestSample(RequestKind Kind, int Status, double Milliseconds)
{
    public bool Succeeded => Status is >= 200 and < 300;
}
