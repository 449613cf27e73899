namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>
/// The ActivitySources and Meters every service listens to besides what the instrumentation packages add
/// (ASP.NET Core, HttpClient, the runtime: see Extensions.ConfigureOpenTelemetry): the libraries below emit
/// telemetry natively, and Alexandrite's own code. Npgsql's source and meter are not here: Aspire.Npgsql adds
/// both with each data source.
/// </summary>
internal static class TelemetrySources
{
    /// <summary>Every source and meter the Alexandrite code defines starts with this prefix.</summary>
    public const string AlexandritePrefix = "Alexandrite";

    public static readonly string[] ActivitySourceNames =
    [
        // Not RabbitMQ.Client's own sources: Alexandrite.Messaging opens the producer span (parented to the
        // trace stored with the outbox row, which the library cannot know) and the consumer span (a child of
        // the producer, where the library's "RabbitMQ.Client.Subscriber" span starts a new trace with only a
        // link). Listening to "RabbitMQ.Client.Publisher" too would add a second publish span per message.
        // For the same reasons Alexandrite.Messaging turns Aspire.RabbitMQ.Client's tracing off.
        AlexandritePrefix + ".*",
    ];

    public static readonly string[] MeterNames =
    [
        AlexandritePrefix + ".*",
    ];
}
