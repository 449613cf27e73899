using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

namespace Alexandrite.Benchmarks.Scale;

/// <summary>
/// A data source whose commands are kept (text and parameters) as they are sent, so the watchdog's own queries,
/// run by its own code, can be explained afterwards exactly as they ran. Npgsql shows each command to a tracing
/// filter only while something listens to its "Npgsql" activity source: a listener that samples nothing is enough.
/// </summary>
internal sealed class CapturedCommands : IDisposable
{
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name == "Npgsql",
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.None,
    };

    private readonly ConcurrentDictionary<string, NpgsqlParameter[]> _commands = new(StringComparer.Ordinal);

    public CapturedCommands(string connectionString)
    {
        ActivitySource.AddActivityListener(_listener);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConfigureTracing(tracing => tracing.ConfigureCommandFilter(command =>
        {
            _commands.TryAdd(command.CommandText, [.. command.Parameters.Select(parameter => parameter.Clone())]);
            return false;
        }));
        DataSource = builder.Build();
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>Each distinct command sent so far, with the parameters it was first sent with.</summary>
    public IReadOnlyDictionary<string, NpgsqlParameter[]> Commands => _commands;

    public void Dispose()
    {
        DataSource.Dispose();
        _listener.Dispose();
    }
}
