namespace Alexandrite.LocalRun.Infrastructure;

/// <summary>Settings of the private Postgres server.</summary>
public sealed record PostgresOptions
{
    public const int DefaultPort = 55432;

    /// <summary>TCP port on 127.0.0.1.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>
    /// Password of superuser "postgres" over TCP (scram-sha-256). A fixed development password: the server only
    /// listens on 127.0.0.1. Set when the cluster is first created; later starts reuse the cluster as it is.
    /// </summary>
    public string Password { get; init; } = "alexandrite-dev";

    /// <summary>Databases created after start when missing (plain identifiers: lower-case letters, digits, '_').</summary>
    public IReadOnlyList<string> Databases { get; init; } = ["shopdb", "mesdb"];

    /// <summary>Folder with initdb and pg_ctl; null picks the newest /usr/lib/postgresql/N/bin (Debian layout).</summary>
    public string? BinDirectory { get; init; }

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
