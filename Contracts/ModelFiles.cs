namespace Alexandrite.Contracts;

/// <summary>Where an order's 3D model lives in the storage bucket: one object per upload, never overwritten.</summary>
public static class ModelFiles
{
    public static string KeyFor(Guid orderId, string fileId) => $"orders/{orderId}/{fileId}";
}
