namespace Alexandrite.Messaging;

/// <summary>
/// A delivery that can never be handled, whatever the number of attempts (no type, unknown type, a body
/// that does not parse): it goes to the dead-letter queue at once.
/// </summary>
public sealed class PoisonMessageException : Exception
{
    public PoisonMessageException(string message)
        : base(message)
    {
    }

    public PoisonMessageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
