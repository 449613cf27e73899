using System.Text.RegularExpressions;
using Npgsql;

namespace Alexandrite.AppHost.Infrastructure;

/// <summary>
/// A PostgreSQL server run by Scripts/postgres.sh as a host process, with the connection string Aspire's Postgres
/// integration gives its server resource ("Host=…;Port=…;Username=postgres;Password=…").
/// </summary>
internal sealed class PostgresProcessResource(string name, string dataDirectory, ParameterResource password)
    : ExecutableResource(name, "bash", dataDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";
    public const string UserName = "postgres";

    public ParameterResource Password { get; } = password;

    /// <summary>The databases to create once the server answers, by resource name (the database has the same name).</summary>
    public List<string> Databases { get; } = [];

    public EndpointReference Endpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={Endpoint.Property(EndpointProperty.Host)};Port={Endpoint.Property(EndpointProperty.Port)};Username={UserName};Password={Password}");
}

internal static partial class PostgresProcessExtensions
{
    /// <summary>
    /// The server as an executable resource listening on its port itself (fixed for a developer, free under the tests),
    /// healthy when it answers SELECT 1, as Aspire's Postgres resource is. Once healthy, the AppHost creates its
    /// databases, as Aspire's does.
    /// </summary>
    public static IResourceBuilder<PostgresProcessResource> AddPostgresProcess(
        this IDistributedApplicationBuilder builder, string name, string script, string dataDirectory, IResourceBuilder<ParameterResource> password, int? port)
    {
        var server = new PostgresProcessResource(name, dataDirectory, password.Resource);

        // Without a database, Npgsql would take the user's name: the server is checked on its maintenance database.
        var connectionString = builder.WhenAvailable(server);
        string ServerConnectionString() => connectionString() + ";Database=postgres";
        builder.Eventing.Subscribe<ResourceReadyEvent>(server, async (_, ct) =>
            await CreateDatabasesAsync(ServerConnectionString(), server.Databases, ct).ConfigureAwait(false));

        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().AddNpgSql(_ => ServerConnectionString(), name: healthCheck);

        return builder.AddResource(server)
            .WithWorkingDirectoryCreatedAtStart()
            .WithArgs(script)
            .WithEndpoint(port: port, name: PostgresProcessResource.EndpointName, scheme: "tcp", env: "PGPORT", isProxied: false)
            .WithEnvironment("DATA_DIR", dataDirectory)
            .WithEnvironment("POSTGRES_PASSWORD", password)
            .WithIconName("DatabaseMultiple")
            .WithHealthCheck(healthCheck);
    }

    /// <summary>
    /// A database of the server: a connection string resource ("…;Database=&lt;name&gt;") shown under the server,
    /// healthy once the database exists and answers. (Aspire gives an executable's child resources no state, so
    /// WaitFor on a child would never end: this is a resource of its own with a parent relationship.)
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddProcessDatabase(this IResourceBuilder<PostgresProcessResource> server, string name)
    {
        if (!DatabaseName().IsMatch(name))
        {
            throw new ArgumentException($"Database name '{name}' is not a plain identifier ([a-z_][a-z0-9_]*).", nameof(name));
        }

        server.Resource.Databases.Add(name);
        var builder = server.ApplicationBuilder;
        var database = builder.AddConnectionString(name, ReferenceExpression.Create($"{server.Resource.ConnectionStringExpression};Database={name}"));

        var connectionString = builder.WhenAvailable(database.Resource);
        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().AddNpgSql(_ => connectionString(), name: healthCheck);

        return database
            .WithParentRelationship(server)
            .WithIconName("Database")
            .WithHealthCheck(healthCheck);
    }

    /// <summary>CREATE DATABASE for each one missing (it takes no parameters: the names were checked above).</summary>
    private static async Task CreateDatabasesAsync(string connectionString, IEnumerable<string> databases, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        foreach (var database in databases)
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = database } } };
            if (await exists.ExecuteScalarAsync(ct).ConfigureAwait(false) is null)
            {
#pragma warning disable CA2100 // The name matched DatabaseName() when it was added.
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
#pragma warning restore CA2100
                await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();
}
