namespace Alexandrite.Benchmarks.Load;

/// <summary>The requests of one step, from every flow at once, and the first few error answers of each status for the report.</summary>
internal sealed class RequestRecorder
{
    private const int ExamplesPerStatus = 3;

    private readonly Lock _lock = new();
    private readonly List<RequestSample> _samples = [];
    private readonly Dictionary<int, List<string>> _examples = [];

    public void Add(RequestSample sample, string? error = null)
    {
        lock (_lock)
        {
            _samples.Add(sample);
            if (!sample.Succeeded && error is not null)
            {
                var examples = _examples.TryGetValue(sample.Status, out var list) ? list : _examples[sample.Status] = [];
                if (examples.Count < ExamplesPerStatus)
                {
                    examples.Add($"{sample.Kind}: {error}");
                }
            }
        }
    }

    public IReadOnlyList<RequestSample> Samples()
    {
        lock (_lock)
        {
            return [.. _samples];
        }
    }

    /// <summary>A few error answers by status code (the problem's detail, or the exception's message when there was no answer).</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<string>> ErrorExamples()
    {
        lock (_lock)
        {
            return _examples.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<string>)[.. pair.Value]);
        }
    }
}
