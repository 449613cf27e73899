using System.Buffers;
using System.Globalization;

namespace Alexandrite.MeshAnalysis;

/// <summary>
/// The polygonal part of Wavefront OBJ (https://paulbourke.net/dataformats/obj/): "v x y z [w]" vertices and
/// "f v1 v2 v3 ..." faces, whose corners may be written v, v/vt, v//vn or v/vt/vn. Indices count from 1, or
/// backwards from the last vertex read when negative (-1 is the last). "#" starts a comment and a trailing "\"
/// joins the next line. Every other statement (vt, vn, g, o, s, usemtl, mtllib, l, p, curves, ...) adds nothing
/// to the volume and is skipped.
/// </summary>
internal static class ObjParser
{
    public static ModelAnalysis Parse(ReadOnlySpan<byte> text, long bytes, ModelLimits limits)
    {
        var state = new ObjState(new MeshAccumulator(limits.MaxPolygons));
        ArrayBufferWriter<byte>? joined = null;
        var lineNumber = 0;
        var joinedFrom = 0;
        foreach (var range in text.Split((byte)'\n'))
        {
            lineNumber++;
            var line = text[range];
            var trimmed = line.TrimEnd(" \t\r\f\v"u8);
            if (trimmed.EndsWith((byte)'\\'))
            {
                joined ??= new ArrayBufferWriter<byte>();
                if (joined.WrittenCount == 0)
                {
                    joinedFrom = lineNumber;
                }

                joined.Write(trimmed[..^1]);
                joined.Write(" "u8);
                continue;
            }

            if (joined is { WrittenCount: > 0 })
            {
                joined.Write(line);
                ReadStatement(joined.WrittenSpan, joinedFrom, state);
                joined.ResetWrittenCount();
            }
            else
            {
                ReadStatement(line, lineNumber, state);
            }
        }

        if (joined is { WrittenCount: > 0 })
        {
            ReadStatement(joined.WrittenSpan, joinedFrom, state);
        }

        // Not one vertex (and so no face): text, but not a model.
        if (state.Vertices.Count == 0)
        {
            throw new InvalidModelException(ModelRejection.NotA3DModel, ModelAnalyzer.NotA3DModelMessage);
        }

        return state.Mesh.ToAnalysis(ModelFormat.Obj, state.Faces, bytes);
    }

    private static void ReadStatement(ReadOnlySpan<byte> line, int lineNumber, ObjState state)
    {
        var comment = line.IndexOf((byte)'#');
        var tokens = new Utf8Tokenizer(comment < 0 ? line : line[..comment]);
        var keyword = tokens.Next();
        if (keyword.SequenceEqual("v"u8))
        {
            state.Vertices.Add(new Point3(
                ReadCoordinate(ref tokens, lineNumber),
                ReadCoordinate(ref tokens, lineNumber),
                ReadCoordinate(ref tokens, lineNumber)));
        }
        else if (keyword.SequenceEqual("f"u8))
        {
            ReadFace(ref tokens, lineNumber, state);
        }
    }

    /// <summary>Splits the face into a fan of triangles around its first corner, as it is read.</summary>
    private static void ReadFace(ref Utf8Tokenizer tokens, int lineNumber, ObjState state)
    {
        var corners = 0;
        Point3 first = default, previous = default;
        for (var token = tokens.Next(); !token.IsEmpty; token = tokens.Next())
        {
            var corner = ResolveCorner(token, lineNumber, state.Vertices);
            corners++;
            if (corners == 1)
            {
                first = corner;
            }
            else if (corners >= 3)
            {
                state.Mesh.Add(first, previous, corner);
            }

            previous = corner;
        }

        if (corners < 3)
        {
            throw new InvalidModelException(
                ModelRejection.Malformed,
                string.Create(CultureInfo.InvariantCulture, $"The OBJ file's face on line {lineNumber} has {corners} corners; a face needs at least 3."));
        }

        state.Faces++;
    }

    private static Point3 ResolveCorner(ReadOnlySpan<byte> token, int lineNumber, List<Point3> vertices)
    {
        // Only the vertex index before the first "/" matters; texture and normal indices carry no geometry.
        var slash = token.IndexOf((byte)'/');
        var vertexPart = slash < 0 ? token : token[..slash];
        if (!int.TryParse(vertexPart, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index) || index == 0)
        {
            throw new InvalidModelException(
                ModelRejection.Malformed,
                string.Create(CultureInfo.InvariantCulture, $"The OBJ file's face on line {lineNumber} has a corner that is not a vertex number."));
        }

        // Relative to the vertices read so far, as the specification defines it for negative indices; a positive
        // index must also name a vertex already read.
        var position = index > 0 ? index - 1 : vertices.Count + index;
        if (position < 0 || position >= vertices.Count)
        {
            throw new InvalidModelException(
                ModelRejection.Malformed,
                string.Create(CultureInfo.InvariantCulture, $"The OBJ file's face on line {lineNumber} refers to vertex {index}, but only {vertices.Count} vertices come before it."));
        }

        return vertices[position];
    }

    private static double ReadCoordinate(ref Utf8Tokenizer tokens, int lineNumber)
    {
        if (!Utf8Tokenizer.TryParseNumber(tokens.Next(), out var value))
        {
            throw new InvalidModelException(
                ModelRejection.Malformed,
                string.Create(CultureInfo.InvariantCulture, $"The OBJ file's vertex on line {lineNumber} needs three numbers: x, y and z."));
        }

        return double.IsFinite(value)
            ? value
            : throw new InvalidModelException(
                ModelRejection.Malformed,
                string.Create(CultureInfo.InvariantCulture, $"The OBJ file's vertex on line {lineNumber} has a coordinate that is not a number."));
    }

    /// <summary>What the statements build up: the vertices, for the faces to refer to, and the triangles.</summary>
    private sealed class ObjState(MeshAccumulator mesh)
    {
        public MeshAccumulator Mesh { get; } = mesh;

        public List<Point3> Vertices { get; } = [];

        public long Faces { get; set; }
    }
}
