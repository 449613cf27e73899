using System.Collections.Concurrent;
using Alexandrite.Contracts;

namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>
/// The one place that names spans the Alexandrite code starts. Messaging spans follow the messaging
/// semantic conventions' "{operation} {destination}" form
/// (https://opentelemetry.io/docs/specs/semconv/messaging/messaging-spans/#span-name); business spans are
/// named for the operation, so a trace reads as the order's story.
/// </summary>
public static class SpanNames
{
    public const string CreateOrder = "CreateOrder";
    public const string PlaceOrder = "PlaceOrder";
    public const string UploadModel = "UploadModel";
    public const string SubmitOrder = "SubmitOrder";
    public const string CancelOrder = "CancelOrder";
    public const string QueuePriceCalculation = "QueuePriceCalculation";
    public const string CalculatePrice = "CalculatePrice";
    public const string RecordPrice = "RecordPrice";
    public const string RecordPricingFailure = "RecordPricingFailure";
    public const string ApproveOrder = "ApproveOrder";
    public const string RejectOrder = "RejectOrder";
    public const string QueueManufacturing = "QueueManufacturing";
    public const string RecordManufacturingProgress = "RecordManufacturingProgress";
    public const string CloseOrder = "CloseOrder";

    /// <summary>The watchdog found the order past its stage's time limit (Crm.Api; an "order.stuck" event says where).</summary>
    public const string ReportStuckOrder = "ReportStuckOrder";

    /// <summary>The operator's step that moves a job to <paramref name="to"/>.</summary>
    public static string ManufacturingStep(OrderStatus to) => to switch
    {
        OrderStatus.ManufacturingStarted => "StartManufacturing",
        OrderStatus.ManufacturingCompleted => "CompleteManufacturing",
        OrderStatus.Packaging => "PackageOrder",
        OrderStatus.Shipped => "ShipOrder",
        _ => throw new ArgumentOutOfRangeException(nameof(to), to, "Not an operator's step."),
    };

    /// <summary>
    /// The browser's span of a user action (OpenTelemetry JS's user-interaction instrumentation, relayed by Shop.Web):
    /// "{event} {route}", the event ("click", "submit") and the route template of the form it posts to (as in the
    /// server span's "POST {route}"), or the event alone when it posts nowhere; low-cardinality either way.
    /// </summary>
    public static string BrowserInteraction(string eventType, string? route) => route is null ? eventType : $"{eventType} {route}";

    /// <summary>
    /// The browser's span of a request it makes (fetch or XMLHttpRequest): "{method} {route}" as the HTTP client
    /// conventions name a client span whose URL template is known
    /// (https://opentelemetry.io/docs/specs/semconv/http/http-spans/#name), the method alone otherwise.
    /// </summary>
    public static string BrowserRequest(string method, string? route) => route is null ? method : $"{method} {route}";

    /// <summary>The producer span of one message; the destination is the message type, which is its routing key.</summary>
    public static string Publish(string messageType) => "publish " + messageType;

    /// <summary>The consumer span that processes one delivery.</summary>
    public static string Process(string messageType) => "process " + messageType;

    /// <summary>
    /// A database command, as "{operation} {table}" (https://opentelemetry.io/docs/specs/semconv/database/database-spans/#name):
    /// the first keyword and the first table it names, never the parameters or values.
    /// </summary>
    /// <remarks>
    /// Npgsql asks for the name of every command's span, and the services run a few dozen distinct command texts
    /// (parameters, not values, vary), so each text is read once and its name remembered: reading it every time was 1%
    /// of Shop.Api's CPU under load (the benchmark's profile). The memory is bounded, for a service that writes values
    /// into its SQL text.
    /// </remarks>
    public static string DatabaseCommand(string? sql)
    {
        if (string.IsNullOrEmpty(sql))
        {
            return DatabaseSystem;
        }

        if (DatabaseCommandNames.TryGetValue(sql, out var name))
        {
            return name;
        }

        name = ReadDatabaseCommand(sql);
        if (DatabaseCommandNames.Count >= DatabaseCommandNamesKept)
        {
            // Only a service that writes values into its SQL gets here; it starts over rather than grow.
            DatabaseCommandNames.Clear();
        }

        DatabaseCommandNames.TryAdd(sql, name);
        return name;
    }

    private const string DatabaseSystem = "postgresql";

    private const int DatabaseCommandNamesKept = 1024;

    private static readonly ConcurrentDictionary<string, string> DatabaseCommandNames = new(StringComparer.Ordinal);

    private static string ReadDatabaseCommand(string sql)
    {
        // Leading "-- comment" lines (schema scripts start with one) say nothing about the operation.
        var lines = sql.Split('\n').SkipWhile(line => line.TrimStart().StartsWith("--", StringComparison.Ordinal) || line.Trim().Length == 0);
        var words = string.Join('\n', lines).Split((char[])[' ', '\n', '\r', '\t', '(', ';', ','], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return DatabaseSystem;
        }

        var operation = words[0].ToUpperInvariant();
        for (var i = 0; i < words.Length - 1; i++)
        {
            if (words[i].ToUpperInvariant() is "FROM" or "INTO" or "UPDATE" or "TABLE" or "JOIN")
            {
                var target = words.Skip(i + 1).FirstOrDefault(word => word.ToUpperInvariant() is not ("IF" or "NOT" or "EXISTS"));
                return target is null ? operation : $"{operation} {target}";
            }
        }

        return operation;
    }

    /// <summary>An S3 call, in the AWS SDK instrumentations' "Service.Operation" form plus the bucket.</summary>
    public static string ObjectStorage(string operation, string bucket) => $"S3.{operation} {bucket}";
}
