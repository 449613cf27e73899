namespace Alexandrite.MeshAnalysis;

/// <summary>The 3D model formats the shop accepts.</summary>
public enum ModelFormat
{
    /// <summary>Binary STL: https://en.wikipedia.org/wiki/STL_(file_format)#Binary</summary>
    StlBinary,

    /// <summary>ASCII STL: https://en.wikipedia.org/wiki/STL_(file_format)#ASCII</summary>
    StlAscii,

    /// <summary>Wavefront OBJ, its polygonal geometry only: https://paulbourke.net/dataformats/obj/</summary>
    Obj,
}
