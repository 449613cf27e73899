namespace Alexandrite.LocalRun.Infrastructure;

/// <summary>Settings of the private RabbitMQ node. All four ports are on 127.0.0.1 and must differ.</summary>
public sealed record RabbitMqOptions
{
    /// <summary>AMQP port.</summary>
    public int Port { get; init; } = 55672;

    /// <summary>Management UI and HTTP API port.</summary>
    public int ManagementPort { get; init; } = 55673;

    /// <summary>
    /// Erlang distribution port (the CLI tools talk to the node through it). Must be set: RabbitMQ's default,
    /// AMQP port + 20000, is past 65535 for ports above 45535 and the node then fails to boot.
    /// </summary>
    public int DistributionPort { get; init; } = 55674;

    /// <summary>Port of the node's private epmd (Erlang port mapper), so it never meets a system-wide one.</summary>
    public int EpmdPort { get; init; } = 55675;

    /// <summary>Folder with rabbitmq-server and rabbitmqctl (the scripts that do not switch user).</summary>
    public string BinDirectory { get; init; } = "/usr/lib/rabbitmq/bin";

    /// <summary>The epmd executable (package erlang-base puts it in PATH).</summary>
    public string EpmdPath { get; init; } = "epmd";

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(120);

    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
