namespace Alexandrite.Testing.Otlp;

/// <summary>
/// The status of a received span. Numeric values equal OTLP's Status.StatusCode
/// (opentelemetry-proto trace.proto, Status field 3); a span without a status is <see cref="Unset"/>.
/// </summary>
public enum ReceivedStatusCode
{
    Unset = 0,
    Ok = 1,
    Error = 2,
}
