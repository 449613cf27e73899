namespace Alexandrite.Benchmarks.Hosting;

/// <summary>
/// Every resource's console output written to &lt;directory&gt;/&lt;resource&gt;.log, where the summary looks for the
/// cause of a 500 and a reader for the rest. Files only: a run under load writes far more than is worth keeping in
/// memory.
/// </summary>
internal sealed class ResourceLogFiles : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _watchers = [];

    private ResourceLogFiles(string directory) => Directory = directory;

    public string Directory { get; }

    public static ResourceLogFiles Capture(DistributedApplication app, string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        var logs = new ResourceLogFiles(directory);
        var service = app.Services.GetRequiredService<ResourceLoggerService>();
        foreach (var resource in app.Services.GetRequiredService<DistributedApplicationModel>().Resources)
        {
            logs._watchers.Add(logs.WatchAsync(service, resource, Path.Combine(directory, resource.Name + ".log")));
        }

        return logs;
    }

    private async Task WatchAsync(ResourceLoggerService service, IResource resource, string path)
    {
        await using var file = new StreamWriter(path, append: false);
        try
        {
            await foreach (var batch in service.WatchAsync(resource).WithCancellation(_stop.Token))
            {
                foreach (var line in batch)
                {
                    await file.WriteLineAsync((line.IsErrorMessage ? "ERR " : "") + line.Content);
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
