using System.Collections.Concurrent;

namespace Alexandrite.AspireTests;

/// <summary>
/// Every resource's console output, from the start: kept in memory for failure messages (the last lines of
/// each) and written to aspire-logs/&lt;resource&gt;.log beside the test assembly, which CI uploads on failure.
/// </summary>
internal sealed class ResourceLogs : IAsyncDisposable
{
    private const int LinesInFailure = 40;

    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _lines = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _watchers = [];

    private ResourceLogs()
    {
    }

    public static ResourceLogs Capture(DistributedApplication app, string directory)
    {
        Directory.CreateDirectory(directory);
        var logs = new ResourceLogs();
        var service = app.Services.GetRequiredService<ResourceLoggerService>();
        foreach (var resource in app.Services.GetRequiredService<DistributedApplicationModel>().Resources)
        {
            logs._watchers.Add(logs.WatchAsync(service, resource, Path.Combine(directory, resource.Name + ".log")));
        }

        return logs;
    }

    /// <summary>The last lines of each resource's output, for a failure message.</summary>
    public string Describe() => string.Join('\n', _lines.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair =>
        $"--- {pair.Key} (last {LinesInFailure} lines)\n{string.Join('\n', pair.Value.TakeLast(LinesInFailure))}"));

    private async Task WatchAsync(ResourceLoggerService service, IResource resource, string path)
    {
        var lines = _lines.GetOrAdd(resource.Name, _ => new ConcurrentQueue<string>());
        await using var file = new StreamWriter(path, append: false) { AutoFlush = true };
        try
        {
            await foreach (var batch in service.WatchAsync(resource).WithCancellation(_stop.Token))
            {
                foreach (var line in batch)
                {
                    var text = (line.IsErrorMessage ? "ERR " : "") + line.Content;
                    lines.Enqueue(text);
                    await file.WriteLineAsync(text);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed: the run is over.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_watchers).WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }
}
