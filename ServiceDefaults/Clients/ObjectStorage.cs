using System.Diagnostics;
using Alexandrite.ServiceDefaults.Telemetry;
using Amazon.S3;
using Amazon.S3.Model;

namespace Alexandrite.ServiceDefaults.Clients;

/// <summary>
/// The S3 operations the services use, each with a client span named for the operation and bucket
/// ("S3.PutObject models"), parent of the HTTP span underneath: AWSSDK.S3 emits no spans of its own.
/// Attributes follow the AWS SDK conventions (https://opentelemetry.io/docs/specs/semconv/object-stores/s3/);
/// object contents are never recorded.
/// </summary>
public sealed class ObjectStorage(IAmazonS3 s3)
{
    public async Task PutAsync(string bucket, string key, Stream content, string contentType, CancellationToken cancellationToken)
    {
        using var activity = Start("PutObject", bucket, key);
        await Traced(activity, () => s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            InputStream = content,
            ContentType = contentType,
            AutoCloseStream = false,
            // aws-chunked signing is not understood by every S3-compatible server (s3rver stores the framing).
            UseChunkEncoding = false,
        }, cancellationToken));
    }

    /// <summary>The object's bytes, or null when it does not exist.</summary>
    public async Task<byte[]?> GetAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        using var activity = Start("GetObject", bucket, key);
        try
        {
            return await Traced(activity, async () =>
            {
                using var response = await s3.GetObjectAsync(bucket, key, cancellationToken);
                using var buffer = new MemoryStream();
                await response.ResponseStream.CopyToAsync(buffer, cancellationToken);
                return buffer.ToArray();
            });
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// The object as a stream to pass on without holding it in memory, or null when it does not exist. The span
    /// covers the request up to the response headers; the caller reads the body and disposes the result.
    /// </summary>
    public async Task<StoredObject?> OpenReadAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        using var activity = Start("GetObject", bucket, key);
        try
        {
            return new StoredObject(await Traced(activity, () => s3.GetObjectAsync(bucket, key, cancellationToken)));
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        using var activity = Start("DeleteObject", bucket, key);
        await Traced(activity, () => s3.DeleteObjectAsync(bucket, key, cancellationToken));
    }

    private static Activity? Start(string operation, string bucket, string key)
    {
        var activity = AlexandriteTelemetry.Storage.StartActivity(SpanNames.ObjectStorage(operation, bucket), ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("rpc.system", "aws-api");
            activity.SetTag("rpc.service", "S3");
            activity.SetTag("rpc.method", operation);
            activity.SetTag("aws.s3.bucket", bucket);
            activity.SetTag("aws.s3.key", key);
        }

        return activity;
    }

    private static async Task<T> Traced<T>(Activity? activity, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception exception)
        {
            activity?.AddException(exception);
            activity?.SetTag(SemanticAttributes.ErrorType, exception.GetType().FullName);
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            throw;
        }
    }
}
