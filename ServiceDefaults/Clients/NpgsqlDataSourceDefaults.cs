using Microsoft.Extensions.Configuration;

namespace Npgsql;

/// <summary>What every service's Postgres data source gets beyond what Aspire.Npgsql sets up.</summary>
public static class NpgsqlDataSourceDefaults
{
    /// <summary>
    /// How long opening a connection may take. Npgsql's default (15 s) lets one unreachable database hold a request or
    /// a message for 15 s per attempt: a consumer would stall every order behind it before its retry policy even
    /// starts, and a caller would wait that long for the 503 that tells it to come back later.
    /// </summary>
    public const int ConnectTimeoutSeconds = 5;

    /// <summary>
    /// Statements Npgsql prepares on each connection once they have run a few times (Max Auto Prepare; off by default,
    /// https://www.npgsql.org/doc/prepare.html#automatic-preparation). Every service runs the same few dozen statements
    /// for every order; prepared, Postgres parses and plans each once per connection instead of at every execution.
    /// Prepared statements survive a pooled connection's return to the pool.
    /// </summary>
    public const int MaxAutoPrepare = 64;

    /// <summary>
    /// For AddNpgsqlDataSource's configureDataSourceBuilder: command spans (<see cref="NpgsqlCommandSpanExtensions"/>), the
    /// connect timeout (which is also how long a request waits for a free connection of a full pool), automatic
    /// preparation (unless the connection string sets it), no reset on close and the pool's size from <see cref="DatabasePoolOptions"/>.
    /// </summary>
    public static NpgsqlDataSourceBuilder UseServiceDefaults(this NpgsqlDataSourceBuilder dataSource, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(configuration);
        dataSource.ConnectionStringBuilder.Timeout = ConnectTimeoutSeconds;
        // A connection going back to the pool is not reset (https://www.npgsql.org/doc/connection-string-parameters.html#performance).
        // The reset is seven statements (RESET ALL, UNLISTEN *, DISCARD TEMP...) that Postgres runs before the connection's
        // next command: measured at 40 orders/s, 19 connections per order went back, and the resets were 63% of every
        // statement the server ran. Nothing here leaves session state on a connection (SET LOCAL, transaction-scoped
        // advisory locks, no temporary tables); the one exception, LISTEN, is undone by ListeningConnection.
        dataSource.ConnectionStringBuilder.NoResetOnClose = true;
        if (dataSource.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            dataSource.ConnectionStringBuilder.MaxAutoPrepare = MaxAutoPrepare;
        }

        if (configuration.GetSection(DatabasePoolOptions.SectionName).Get<DatabasePoolOptions>()?.MaxPoolSize is { } maxPoolSize)
        {
            dataSource.ConnectionStringBuilder.MaxPoolSize = maxPoolSize is > 0
                ? maxPoolSize
                : throw new InvalidOperationException($"{DatabasePoolOptions.SectionName}:MaxPoolSize must be 1 or more (it is {maxPoolSize}).");
        }

        return dataSource.UseCommandSpans();
    }
}
