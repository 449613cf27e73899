using Alexandrite.MeshAnalysis;

namespace Alexandrite.Shop.Api.Orders;

/// <summary>
/// The media type a stored model is served with, from the format the analyzer found in it: model/stl and model/obj
/// are registered with IANA (https://www.iana.org/assignments/media-types/media-types.xhtml#model).
/// </summary>
internal static class ModelMediaType
{
    public const string Unknown = "application/octet-stream";

    public static string For(string format) => Enum.TryParse<ModelFormat>(format, ignoreCase: false, out var known) switch
    {
        true when known is ModelFormat.StlBinary or ModelFormat.StlAscii => "model/stl",
        true when known is ModelFormat.Obj => "model/obj",
        _ => Unknown,
    };
}
