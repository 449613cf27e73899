namespace Alexandrite.Testing.Otlp;

/// <summary>A time-stamped annotation on a span (an ActivityEvent in .NET).</summary>
public sealed record ReceivedSpanEvent(
    string Name,
    DateTimeOffset Time,
    IReadOnlyDictionary<string, object?> Attributes);
