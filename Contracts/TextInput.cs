namespace Alexandrite.Contracts;

/// <summary>
/// The rules every free-text field a person types obeys, in every API: a length limit (a 10 MB name is not a name)
/// and no control characters (PostgreSQL refuses NUL in text, and nothing a person types contains the others). Line
/// breaks and tabs are text. A field that breaks a rule is a 400 validation problem naming it, and nothing is stored.
/// </summary>
public static class TextInput
{
    public const int NameMaxLength = 200;
    public const int EmailMaxLength = 254; // RFC 5321's limit on a forward path.
    public const int PhoneMaxLength = 40;
    public const int AddressMaxLength = 500;
    public const int ReasonMaxLength = 1000;

    /// <summary>What is wrong with <paramref name="value"/>, in words for the person who typed it; null when nothing is.</summary>
    public static string? Problem(string? value, int maxLength) =>
        value is null ? null
        : value.Length > maxLength ? $"At most {maxLength} characters, please."
        : value.Any(IsForbidden) ? "Remove the control characters (such as NUL) from the text."
        : null;

    /// <summary>Adds <paramref name="field"/>'s problem to <paramref name="errors"/>, if it has one; true when it has none.</summary>
    public static bool Check(IDictionary<string, string[]> errors, string field, string? value, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (Problem(value, maxLength) is not { } problem)
        {
            return true;
        }

        errors[field] = [problem];
        return false;
    }

    private static bool IsForbidden(char c) => char.IsControl(c) && c is not ('\n' or '\r' or '\t');
}
