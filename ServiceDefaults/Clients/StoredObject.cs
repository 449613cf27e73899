using Amazon.S3.Model;

namespace Alexandrite.ServiceDefaults.Clients;

/// <summary>An object being read from storage: its content, as it arrives, and its length in bytes.</summary>
public sealed class StoredObject(GetObjectResponse response) : IDisposable
{
    public Stream Content => response.ResponseStream;

    public long Length => response.ContentLength;

    public void Dispose() => response.Dispose();
}
