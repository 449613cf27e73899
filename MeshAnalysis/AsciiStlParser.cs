using System.Globalization;
using System.Text;

namespace Alexandrite.MeshAnalysis;

/// <summary>
/// ASCII STL (https://en.wikipedia.org/wiki/STL_(file_format)#ASCII). Keywords are matched ignoring case, as
/// some exporters write them in capitals; several solids in one file are read one after the other.
/// <code>
/// solid name
///   facet normal ni nj nk
///     outer loop
///       vertex v1x v1y v1z
///       vertex v2x v2y v2z
///       vertex v3x v3y v3z
///     endloop
///   endfacet
/// endsolid name
/// </code>
/// </summary>
internal static class AsciiStlParser
{
    /// <summary>Whether the text's first word is "solid", the only thing that announces an ASCII STL.</summary>
    public static bool StartsWithSolid(ReadOnlySpan<byte> text) => Ascii.EqualsIgnoreCase(new Utf8Tokenizer(text).Next(), "solid"u8);

    public static ModelAnalysis Parse(ReadOnlySpan<byte> text, long bytes, ModelLimits limits)
    {
        var mesh = new MeshAccumulator(limits.MaxPolygons);
        var tokens = new Utf8Tokenizer(text);

        // "solid" (checked by StartsWithSolid) and the free-text name that follows it.
        tokens.Next();
        tokens.SkipRestOfLine();
        while (true)
        {
            var keyword = tokens.Next();
            if (keyword.IsEmpty)
            {
                throw new InvalidModelException(ModelRejection.Truncated, "The STL file ends without 'endsolid': it is truncated.");
            }

            if (Ascii.EqualsIgnoreCase(keyword, "endsolid"u8))
            {
                tokens.SkipRestOfLine();
                var next = tokens.Next();
                if (next.IsEmpty)
                {
                    return mesh.ToAnalysis(ModelFormat.StlAscii, mesh.Triangles, bytes);
                }

                if (!Ascii.EqualsIgnoreCase(next, "solid"u8))
                {
                    throw Expected("'solid' or the end of the file", tokens.Line);
                }

                tokens.SkipRestOfLine();
                continue;
            }

            if (!Ascii.EqualsIgnoreCase(keyword, "facet"u8))
            {
                throw Expected("'facet' or 'endsolid'", tokens.Line);
            }

            ReadFacet(ref tokens, mesh);
        }
    }

    private static void ReadFacet(ref Utf8Tokenizer tokens, MeshAccumulator mesh)
    {
        var facetLine = tokens.Line;
        Expect(ref tokens, "normal"u8);

        // The normal must be three numbers, but its value is not used (exporters even write NaN for degenerate
        // facets): the vertex order says which way a triangle faces.
        for (var i = 0; i < 3; i++)
        {
            ReadNumber(ref tokens);
        }

        Expect(ref tokens, "outer"u8);
        Expect(ref tokens, "loop"u8);
        Span<Point3> corners = stackalloc Point3[3];
        var count = 0;
        while (true)
        {
            var keyword = NextInFacet(ref tokens);
            if (Ascii.EqualsIgnoreCase(keyword, "endloop"u8))
            {
                break;
            }

            if (!Ascii.EqualsIgnoreCase(keyword, "vertex"u8))
            {
                throw Expected("'vertex' or 'endloop'", tokens.Line);
            }

            var corner = new Point3(ReadCoordinate(ref tokens), ReadCoordinate(ref tokens), ReadCoordinate(ref tokens));
            if (count < corners.Length)
            {
                corners[count] = corner;
            }

            count++;
        }

        if (count != 3)
        {
            throw new InvalidModelException(
                ModelRejection.Malformed,
                string.Create(CultureInfo.InvariantCulture, $"The STL file's facet on line {facetLine} has {count} corners; every facet must be a triangle."));
        }

        Expect(ref tokens, "endfacet"u8);
        mesh.Add(corners[0], corners[1], corners[2]);
    }

    private static double ReadCoordinate(ref Utf8Tokenizer tokens)
    {
        var value = ReadNumber(ref tokens);
        return double.IsFinite(value)
            ? value
            : throw new InvalidModelException(
                ModelRejection.Malformed,
                string.Create(CultureInfo.InvariantCulture, $"The STL file has a coordinate that is not a number on line {tokens.Line}."));
    }

    private static double ReadNumber(ref Utf8Tokenizer tokens) =>
        Utf8Tokenizer.TryParseNumber(NextInFacet(ref tokens), out var value) ? value : throw Expected("a number", tokens.Line);

    private static void Expect(ref Utf8Tokenizer tokens, ReadOnlySpan<byte> keyword)
    {
        if (!Ascii.EqualsIgnoreCase(NextInFacet(ref tokens), keyword))
        {
            throw Expected($"'{Encoding.ASCII.GetString(keyword)}'", tokens.Line);
        }
    }

    /// <summary>The next token of a facet, which cannot be the end of the file.</summary>
    private static ReadOnlySpan<byte> NextInFacet(ref Utf8Tokenizer tokens)
    {
        var token = tokens.Next();
        return token.IsEmpty
            ? throw new InvalidModelException(ModelRejection.Truncated, "The STL file ends in the middle of a facet: it is truncated.")
            : token;
    }

    private static InvalidModelException Expected(string what, int line) =>
        new(ModelRejection.Malformed, string.Create(CultureInfo.InvariantCulture, $"The STL file is damaged: {what} was expected on line {line}."));
}
