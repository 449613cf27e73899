using Alexandrite.ServiceDefaults.Telemetry;

namespace Npgsql;

/// <summary>
/// The one thing about Npgsql's spans that Aspire.Npgsql leaves to the service: their names. Npgsql names every text
/// command's span "postgresql"; here it is "{operation} {table}" (<see cref="SpanNames.DatabaseCommand"/>), as the
/// database semantic conventions ask, so an order's trace reads "SELECT orders", "INSERT outbox_messages".
/// </summary>
public static class NpgsqlSpanNameExtensions
{
    /// <summary>For AddNpgsqlDataSource's configureDataSourceBuilder.</summary>
    public static NpgsqlDataSourceBuilder UseCommandSpanNames(this NpgsqlDataSourceBuilder dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        return dataSource.ConfigureTracing(tracing => tracing.ConfigureCommandSpanNameProvider(command => SpanNames.DatabaseCommand(command.CommandText)));
    }
}
