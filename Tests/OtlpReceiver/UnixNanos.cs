namespace Alexandrite.Testing.Otlp;

/// <summary>OTLP times are fixed64 nanoseconds since the Unix epoch.</summary>
internal static class UnixNanos
{
    private const ulong NanosecondsPerTick = 100;

    /// <summary>Truncates to .NET's 100 ns tick, the precision Activity and LogRecord keep anyway.</summary>
    public static DateTimeOffset ToDateTimeOffset(ulong unixNanos) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)(unixNanos / NanosecondsPerTick));
}
