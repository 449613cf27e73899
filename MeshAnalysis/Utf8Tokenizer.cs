using System.Globalization;

namespace Alexandrite.MeshAnalysis;

/// <summary>
/// Whitespace-separated tokens of UTF-8 text, read in place (no strings), with the line of the last token for
/// messages. Both text formats are token streams: ASCII STL across lines, OBJ within a line.
/// </summary>
internal ref struct Utf8Tokenizer
{
    private readonly ReadOnlySpan<byte> text;
    private int position;

    public Utf8Tokenizer(ReadOnlySpan<byte> text) => this.text = text;

    /// <summary>The 1-based line of the token <see cref="Next"/> returned last.</summary>
    public int Line { get; private set; } = 1;

    /// <summary>The next token, or an empty span at the end of the text.</summary>
    public ReadOnlySpan<byte> Next()
    {
        while (position < text.Length && IsWhitespace(text[position]))
        {
            if (text[position] == (byte)'\n')
            {
                Line++;
            }

            position++;
        }

        var start = position;
        while (position < text.Length && !IsWhitespace(text[position]))
        {
            position++;
        }

        return text[start..position];
    }

    /// <summary>Skips what is left of the current line, e.g. the free-text name after "solid".</summary>
    public void SkipRestOfLine()
    {
        var newline = text[position..].IndexOf((byte)'\n');
        position = newline < 0 ? text.Length : position + newline;
    }

    /// <summary>Parses a decimal number such as "-1.5e-3"; NaN and infinities parse, callers decide on them.</summary>
    public static bool TryParseNumber(ReadOnlySpan<byte> token, out double value) =>
        double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\f' or (byte)'\v';
}
