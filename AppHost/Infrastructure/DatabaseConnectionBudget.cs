using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Alexandrite.AppHost.Infrastructure;

/// <summary>
/// The Postgres server's connections, shared out before anything starts: the server allows
/// <see cref="MaxConnections"/> (max_connections, which the AppHost sets), <see cref="Reserved"/> of them are kept for
/// the AppHost's health checks, its database creation and a person with psql, and every service instance gets a pool
/// of its service's size (Database:Pools:&lt;service&gt;, passed on as Database__MaxPoolSize). The pools together must
/// fit: otherwise, under load, one service takes the server's last connection and another's next request fails with
/// "53300: sorry, too many clients already". Within its pool, an overloaded service waits for its own connections
/// and answers 503 when none frees up in time (ServiceDefaults/Clients/DatabasePoolOptions.cs).
/// https://www.postgresql.org/docs/15/runtime-config-connection.html#GUC-MAX-CONNECTIONS
/// </summary>
internal sealed class DatabaseConnectionBudget
{
    public const string SectionName = "Database";

    /// <summary>PostgreSQL's own default.</summary>
    public int MaxConnections { get; set; } = 100;

    /// <summary>Besides the services' pools: superuser_reserved_connections (3), the AppHost's checks and a person.</summary>
    public int Reserved { get; set; } = 10;

    /// <summary>The pool of one instance of each service that uses Postgres, by resource name.</summary>
    public Dictionary<string, int> Pools { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The connections handed out so far.</summary>
    private int _allotted;

    public static DatabaseConnectionBudget From(IConfiguration configuration)
    {
        var budget = configuration.GetSection(SectionName).Get<DatabaseConnectionBudget>() ?? new DatabaseConnectionBudget();
        if (budget.MaxConnections < 1 || budget.Reserved < 0 || budget.Pools.Values.Any(pool => pool < 1))
        {
            throw new InvalidOperationException($"{SectionName}:MaxConnections must be 1 or more, {SectionName}:Reserved 0 or more and every {SectionName}:Pools entry 1 or more.");
        }

        return budget;
    }

    /// <summary>One more instance of <paramref name="service"/>: its pool, taken from what is left.</summary>
    public int Take(string service)
    {
        if (!Pools.TryGetValue(service, out var pool))
        {
            throw new InvalidOperationException($"{SectionName}:Pools has no entry for {service}.");
        }

        if (_allotted + pool + Reserved > MaxConnections)
        {
            throw new InvalidOperationException(
                $"The services' database pools need more connections than Postgres allows: {_allotted + pool} with {service}'s {pool}, " +
                $"plus {Reserved} reserved, is over {SectionName}:MaxConnections ({MaxConnections}). Raise it or lower {SectionName}:Pools.");
        }

        _allotted += pool;
        return pool;
    }
}

internal static class DatabaseConnectionBudgetExtensions
{
    /// <summary>The service instance's share of the server's connections (Database__MaxPoolSize), from the budget.</summary>
    public static IResourceBuilder<ProjectResource> WithDatabasePool(this IResourceBuilder<ProjectResource> project, DatabaseConnectionBudget budget, string service) =>
        project.WithEnvironment($"{DatabasePoolOptions.SectionName}__{nameof(DatabasePoolOptions.MaxPoolSize)}", budget.Take(service).ToString(System.Globalization.CultureInfo.InvariantCulture));
}
