namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>
/// The one list of ActivitySources and Meters every service listens to. The libraries below emit
/// telemetry natively; listening to them replaces the instrumentation packages that are not referenced.
/// </summary>
internal static class TelemetrySources
{
    /// <summary>Every source and meter the Alexandrite code defines starts with this prefix.</summary>
    public const string AlexandritePrefix = "Alexandrite";

    public const string AspNetCore = "Microsoft.AspNetCore";

    public static readonly string[] ActivitySourceNames =
    [
        AspNetCore,
        "System.Net.Http",
        // Npgsql 8+ traces commands itself (https://www.npgsql.org/doc/diagnostics/tracing.html).
        "Npgsql",
        // Not RabbitMQ.Client's own sources: Alexandrite.Messaging opens the producer span (parented to the
        // trace stored with the outbox row, which the library cannot know) and the consumer span (a child of
        // the producer, where the library's "RabbitMQ.Client.Subscriber" span starts a new trace with only a
        // link). Listening to "RabbitMQ.Client.Publisher" too would add a second publish span per message.
        AlexandritePrefix + ".*",
    ];

    public static readonly string[] MeterNames =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "System.Net.Http",
        // .NET 9+ publishes runtime metrics under this meter without any package
        // (https://learn.microsoft.com/dotnet/core/diagnostics/built-in-metrics-runtime).
        "System.Runtime",
        "Npgsql",
        AlexandritePrefix + ".*",
    ];
}
