namespace Alexandrite.Shop.Api.Orders;

/// <summary>
/// The name an uploaded model is kept under: what the customer's file was called, never a path. Browsers send the
/// bare name, but any client can send "..\..\win.ini.stl" or control characters; the name is shown back to people
/// and in the back office, so only its last segment is kept, without control characters, at most 255 characters
/// (a file name's limit on common file systems) with its extension preserved.
/// </summary>
internal static class ModelFileName
{
    public const int MaxLength = 255;

    private const string Fallback = "model";

    public static string Sanitize(string? fileName)
    {
        var name = (fileName ?? "").Replace('\\', '/');
        name = new string(name[(name.LastIndexOf('/') + 1)..].Where(c => !char.IsControl(c)).ToArray()).Trim().TrimStart('.');
        if (name.Length == 0)
        {
            return Fallback;
        }

        if (name.Length <= MaxLength)
        {
            return name;
        }

        var extension = Path.GetExtension(name);
        return extension.Length < MaxLength ? name[..(MaxLength - extension.Length)] + extension : name[..MaxLength];
    }
}
