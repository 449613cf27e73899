namespace Alexandrite.MeshAnalysis;

/// <summary>
/// Reads an upload into memory, but never more than one byte beyond the limit: that byte is enough to know the
/// upload is too large, so a huge or endless (non-seekable, e.g. HTTP) stream is refused without being read.
/// </summary>
internal static class CappedReader
{
    private const int FirstChunk = 64 * 1024;

    public static async ValueTask<ReadOnlyMemory<byte>> ReadAsync(Stream stream, long maxBytes, CancellationToken cancellationToken)
    {
        // ModelLimits keeps maxBytes below Array.MaxLength, so the cap fits an int.
        var cap = (int)(maxBytes + 1);
        long expected = FirstChunk;
        if (stream.CanSeek)
        {
            expected = stream.Length - stream.Position;
            if (expected > maxBytes)
            {
                throw TooLarge(maxBytes);
            }

            // One spare byte, so the read that reports the end needs no larger buffer.
            expected++;
        }

        var buffer = new byte[Math.Min(expected, cap)];
        var filled = 0;
        while (true)
        {
            if (filled == buffer.Length)
            {
                if (filled == cap)
                {
                    throw TooLarge(maxBytes);
                }

                Array.Resize(ref buffer, (int)Math.Min(2L * buffer.Length, cap));
            }

            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer.AsMemory(0, filled);
            }

            filled += read;
        }
    }

    private static InvalidModelException TooLarge(long maxBytes) =>
        new(ModelRejection.TooLarge, $"The file is larger than {ByteSizeText.Describe(maxBytes)}.");
}
