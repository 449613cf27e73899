namespace Npgsql;

/// <summary>
/// The service's share of its Postgres server's connections, bound from "Database". The AppHost sizes every
/// service's pool together so that all of them fit the server's max_connections (AppHost/Infrastructure/
/// DatabaseConnectionBudget.cs): an overloaded service then waits for one of its own connections and, after
/// <see cref="NpgsqlDataSourceDefaults.ConnectTimeoutSeconds"/>, answers 503, instead of taking the server's last
/// connection from another service ("53300: sorry, too many clients already").
/// https://www.npgsql.org/doc/connection-string-parameters.html#pooling
/// </summary>
public sealed class DatabasePoolOptions
{
    public const string SectionName = "Database";

    /// <summary>Npgsql's Maximum Pool Size for every data source of the service; unset keeps the connection string's (100 by default).</summary>
    public int? MaxPoolSize { get; set; }
}
