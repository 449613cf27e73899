namespace Alexandrite.Testing.Otlp;

/// <summary>
/// proto3 cannot tell an unset string from an empty one; the Received* records use null for
/// both, so optional fields read naturally in assertions.
/// </summary>
internal static class EmptyStrings
{
    public static string? ToNull(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
