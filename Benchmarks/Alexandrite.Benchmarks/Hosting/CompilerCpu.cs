namespace Alexandrite.Benchmarks.Hosting;

/// <summary>
/// The CPU the runtime's background compiler (tiered compilation's ".NET Tiered Compilation Worker" thread) spent in
/// some processes since this was made. The thread ends after a few seconds without work and a new one starts with the
/// next, and an ended thread's CPU is gone from /proc: so <see cref="Read"/> is called every second while it matters,
/// and each thread counts from where it was first seen (from nothing, for one started since).
/// </summary>
internal sealed class CompilerCpu
{
    /// <summary>The thread's name as /proc gives it, cut to 15 characters.</summary>
    private const string ThreadName = ".NET Tiered Com";

    private static readonly TimeSpan ReadEvery = TimeSpan.FromSeconds(1);

    private readonly IReadOnlyList<int> _processes;
    private readonly IReadOnlyDictionary<(int Pid, int Tid), double> _first;
    private readonly Dictionary<(int Pid, int Tid), double> _last;

    public CompilerCpu(IEnumerable<int> processes)
    {
        _processes = [.. processes];
        _first = ProcFs.ThreadCpuSeconds(_processes, ThreadName);
        _last = new Dictionary<(int Pid, int Tid), double>(_first);
    }

    public TimeSpan Spent => TimeSpan.FromSeconds(_last.Sum(thread => thread.Value - _first.GetValueOrDefault(thread.Key)));

    public void Read()
    {
        foreach (var (thread, seconds) in ProcFs.ThreadCpuSeconds(_processes, ThreadName))
        {
            _last[thread] = seconds;
        }
    }

    /// <summary>Reads every second until <paramref name="work"/> ends, and once more then.</summary>
    public async Task FollowAsync(Task work, CancellationToken cancellationToken)
    {
        while (!work.IsCompleted)
        {
            await Task.WhenAny(work, Task.Delay(ReadEvery, cancellationToken));
            Read();
        }
    }
}
