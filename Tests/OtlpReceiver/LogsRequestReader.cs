using Alexandrite.Testing.Otlp.Wire;

namespace Alexandrite.Testing.Otlp;

/// <summary>
/// Flattens an ExportLogsServiceRequest (resource → scope → log record) into one
/// <see cref="ReceivedLogRecord"/> per record, each carrying its resource and scope.
/// </summary>
internal static class LogsRequestReader
{
    public static List<ReceivedLogRecord> Read(ExportLogsServiceRequest request)
    {
        var records = new List<ReceivedLogRecord>();
        foreach (var resourceLogs in request.ResourceLogs)
        {
            var resource = AttributeValues.ToDictionary(resourceLogs.Resource?.Attributes);
            foreach (var scopeLogs in resourceLogs.ScopeLogs)
            {
                var scopeName = scopeLogs.Scope?.Name ?? string.Empty;
                records.AddRange(scopeLogs.LogRecords.Select(record => ToReceived(record, resource, scopeName)));
            }
        }

        return records;
    }

    private static ReceivedLogRecord ToReceived(
        LogRecord record,
        IReadOnlyDictionary<string, object?> resource,
        string scopeName) => new(
            // time_unix_nano 0 means "unknown" (logs.proto field 1); the collector's time of
            // observation is then the closest thing there is.
            Timestamp: UnixNanos.ToDateTimeOffset(
                record.TimeUnixNano != 0 ? record.TimeUnixNano : record.ObservedTimeUnixNano),
            SeverityNumber: record.SeverityNumber,
            SeverityText: EmptyStrings.ToNull(record.SeverityText),
            Body: AttributeValues.ToObject(record.Body),
            Attributes: AttributeValues.ToDictionary(record.Attributes),
            TraceId: OtlpIds.ToHexOrNull(record.TraceId),
            SpanId: OtlpIds.ToHexOrNull(record.SpanId),
            EventName: EmptyStrings.ToNull(record.EventName),
            Resource: resource,
            ScopeName: scopeName);
}
