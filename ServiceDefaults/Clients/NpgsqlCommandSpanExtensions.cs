using System.Diagnostics;
using Alexandrite.ServiceDefaults.Telemetry;

namespace Npgsql;

/// <summary>
/// What Aspire.Npgsql leaves to the service about Npgsql's command spans: their names, which commands get one, and
/// their events. Npgsql names every text command's span "postgresql"; here it is "{operation} {table}"
/// (<see cref="SpanNames.DatabaseCommand"/>), as the database semantic conventions ask, so an order's trace reads
/// "SELECT orders", "INSERT outbox_messages".
/// </summary>
public static class NpgsqlCommandSpanExtensions
{
    /// <summary>For AddNpgsqlDataSource's configureDataSourceBuilder.</summary>
    public static NpgsqlDataSourceBuilder UseCommandSpans(this NpgsqlDataSourceBuilder dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        return dataSource.ConfigureTracing(tracing => tracing
            .ConfigureCommandFilter(_ => IsTraced(Activity.Current))
            .ConfigureCommandSpanNameProvider(command => SpanNames.DatabaseCommand(command.CommandText))
            // Npgsql adds a "received-first-response" event to every command's span by default: an allocation on each
            // of the most numerous spans for a time no question about a stuck order turns on (the span's duration is
            // the command's).
            .EnableFirstResponseEvent(false));
    }

    /// <summary>
    /// Whether a command run under <paramref name="current"/> gets a span: yes in a sampled trace, and for a command
    /// that runs outside any (a new trace, sampled by ratio); no in a trace that was not sampled. There the error
    /// keeper records the request's or the message's own spans in case one fails (docs/adr/0003-sampling.md), and the
    /// commands were most of them: at 10% sampling, building a span for every command of every unsampled request was
    /// most of what keeping errors cost Shop.Api (the benchmark's cost comparison, README Performance). A command that
    /// fails still shows in a kept trace, as the exception on the span of the work it failed (the business span, the
    /// request's or the message's span).
    /// </summary>
    internal static bool IsTraced(Activity? current) => current is null || current.Recorded;
}
