namespace Alexandrite.MeshAnalysis;

/// <summary>A point (or a size) in the model's own units, usually millimetres.</summary>
public readonly record struct Point3(double X, double Y, double Z);
