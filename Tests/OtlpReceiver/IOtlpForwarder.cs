namespace Alexandrite.Testing.Otlp;

/// <summary>
/// Where a receiver passes on each export request it accepted, so that it can stand between the services and the
/// destination a user reads (the Aspire dashboard) without taking the telemetry away from it.
/// </summary>
public interface IOtlpForwarder
{
    /// <summary>Passes on one accepted request: its signal path (<see cref="OtlpPaths"/>) and its decoded Protobuf body.</summary>
    Task ForwardAsync(string signalPath, byte[] body, CancellationToken cancellationToken);
}
