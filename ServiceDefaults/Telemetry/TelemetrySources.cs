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
        // RabbitMQ.Client 7 publish spans; they also inject traceparent into the message headers. The
        // library's consumer spans ("RabbitMQ.Client.Subscriber") start a new trace with only a link, so
        // the services open their own consumer span, parented by the headers, instead.
        "RabbitMQ.Client.Publisher",
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
