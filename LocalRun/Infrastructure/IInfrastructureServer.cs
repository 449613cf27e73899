namespace Alexandrite.LocalRun.Infrastructure;

/// <summary>
/// One infrastructure process (Postgres, RabbitMQ, S3) run privately for the Docker-free mode.
/// </summary>
/// <remarks>
/// <see cref="StartAsync"/> returns once the server accepts clients; on failure it cleans up what it
/// started and throws <see cref="InfrastructureStartException"/> with the tail of the server's log.
/// <see cref="StopAsync"/> is safe to call more than once and after a failed start.
/// </remarks>
public interface IInfrastructureServer : IAsyncDisposable
{
    string Name { get; }

    Task StartAsync(CancellationToken ct);

    Task StopAsync(CancellationToken ct);
}
