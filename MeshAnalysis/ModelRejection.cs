namespace Alexandrite.MeshAnalysis;

/// <summary>Why an upload was refused; machine-readable, the customer reads the exception's message.</summary>
public enum ModelRejection
{
    /// <summary>The file has no bytes at all.</summary>
    Empty,

    /// <summary>The file is larger than <see cref="ModelLimits.MaxBytes"/>.</summary>
    TooLarge,

    /// <summary>The file ends before the model does.</summary>
    Truncated,

    /// <summary>The file is neither STL nor OBJ (an image, a document, ...).</summary>
    NotA3DModel,

    /// <summary>The file claims to be a model but breaks its format (bad numbers, bad references, NaN, ...).</summary>
    Malformed,

    /// <summary>The model has more triangles than <see cref="ModelLimits.MaxPolygons"/>.</summary>
    TooManyPolygons,

    /// <summary>The model encloses no volume: no triangles, only degenerate ones, or a flat surface.</summary>
    NoVolume,
}
