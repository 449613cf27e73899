namespace Alexandrite.Benchmarks.Load;

/// <summary>
/// One request: its answer's status code (0: no answer, a timeout or a refused connection), how long it took, and which
/// of Shop.Api's instances answered it (0, the first, unless several run side by side).
/// </summary>
internal sealed record RequestSample(RequestKind Kind, int Status, double Milliseconds, int Instance = 0)
{
    public bool Succeeded => Status is >= 200 and < 300;
}
