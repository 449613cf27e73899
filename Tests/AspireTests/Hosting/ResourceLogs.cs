using System.Collections.Concurrent;

namespace Alexandrite.AspireTests;

/// <summary>
/// Every resource's console output, from the start: kept in memory for failure messages (AspireFixture shows the
/// last lines of each) and written to aspire-logs/&lt;resource&gt;.log beside the test assembly, which CI uploads on failure.
/// </summary>
internal sealed class ResourceLogs : IAsyncDisposable
{
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

    /// <summary>Each resource's output so far, by resource name.</summary>
    public IEnumerable<(string Name, IEnumerable<string> Lines)> Snapshot() =>
        _lines.Select(pair => (pair.Key, (IEnumerable<string>)pair.Value.ToArray()));

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
