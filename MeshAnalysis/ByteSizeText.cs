using System.Globalization;

namespace Alexandrite.MeshAnalysis;

/// <summary>A byte count as a customer reads it: "50 MiB", "512 KiB", "1,000 bytes".</summary>
internal static class ByteSizeText
{
    private const long KiB = 1024;
    private const long MiB = 1024 * KiB;

    public static string Describe(long bytes) => bytes switch
    {
        _ when bytes % MiB == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes / MiB:N0} MiB"),
        _ when bytes % KiB == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes / KiB:N0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes"),
    };
}
