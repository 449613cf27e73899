using System.Buffers;

namespace Alexandrite.MeshAnalysis;

/// <summary>
/// Reads an uploaded 3D model and reports what the business needs (<see cref="ModelAnalysis"/>), or refuses it
/// with an <see cref="InvalidModelException"/>. The content decides the format; the file name only breaks the one
/// tie content cannot: whether damaged binary data was meant to be an STL.
/// </summary>
public static class ModelAnalyzer
{
    internal const string NotA3DModelMessage = "The file is not a 3D model we can read; please upload an STL or OBJ file.";

    /// <summary>Control characters that never occur in STL or OBJ text but fill binary data (tab, CR, LF, FF, VT do occur).</summary>
    private static readonly SearchValues<byte> BinaryOnlyBytes =
        SearchValues.Create([0, 1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]);

    /// <param name="content">The upload; read once, from its current position, never beyond <see cref="ModelLimits.MaxBytes"/> + 1 bytes.</param>
    /// <param name="fileName">The name the customer gave the file; only its extension is used.</param>
    /// <param name="limits">The largest file and model accepted.</param>
    /// <param name="cancellationToken">Stops reading the upload.</param>
    /// <exception cref="InvalidModelException">The upload is not a valid model; <see cref="InvalidModelException.Reason"/> says why.</exception>
    public static async ValueTask<ModelAnalysis> AnalyzeAsync(
        Stream content,
        string fileName,
        ModelLimits limits,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(limits);
        var bytes = await CappedReader.ReadAsync(content, limits.MaxBytes, cancellationToken).ConfigureAwait(false);
        return Analyze(bytes.Span, fileName, limits);
    }

    private static ModelAnalysis Analyze(ReadOnlySpan<byte> content, string fileName, ModelLimits limits)
    {
        if (content.IsEmpty)
        {
            throw new InvalidModelException(ModelRejection.Empty, "The file is empty.");
        }

        // First, as a binary STL header may itself begin with "solid" (https://en.wikipedia.org/wiki/STL_(file_format)#Binary).
        if (BinaryStlParser.HasMatchingLength(content))
        {
            return BinaryStlParser.Parse(content, limits);
        }

        var text = content.StartsWith("\uFEFF"u8) ? content[3..] : content;
        if (!text.ContainsAny(BinaryOnlyBytes))
        {
            return AsciiStlParser.StartsWithSolid(text)
                ? AsciiStlParser.Parse(text, content.Length, limits)
                : ObjParser.Parse(text, content.Length, limits);
        }

        // Binary data of the wrong length: a damaged binary STL if it says it is one, else something else entirely.
        return content.StartsWith("solid"u8) || Path.GetExtension(fileName).Equals(".stl", StringComparison.OrdinalIgnoreCase)
            ? BinaryStlParser.Parse(content, limits)
            : throw new InvalidModelException(ModelRejection.NotA3DModel, NotA3DModelMessage);
    }
}
