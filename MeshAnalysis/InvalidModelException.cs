namespace Alexandrite.MeshAnalysis;

/// <summary>
/// The one way <see cref="ModelAnalyzer"/> refuses an upload: <see cref="Reason"/> for code, the message in plain
/// words for the customer. Messages never quote the file's content.
/// </summary>
public sealed class InvalidModelException : Exception
{
    public InvalidModelException(ModelRejection reason, string message)
        : base(message) => Reason = reason;

    public ModelRejection Reason { get; }
}
