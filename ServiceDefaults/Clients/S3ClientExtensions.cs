using System.Data.Common;
using Alexandrite.ServiceDefaults.Clients;
using Alexandrite.ServiceDefaults.Health;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// An S3 client from ConnectionStrings:&lt;name&gt; in the form
/// "Endpoint=http://host:port;AccessKey=...;SecretKey=...", for any S3-compatible server (MinIO under the
/// AppHost, s3rver without Docker), with a readiness check. Path-style addressing, because neither server
/// resolves bucket sub-domains on localhost.
/// </summary>
public static class S3ClientExtensions
{
    /// <summary>
    /// How long one S3 request may take, body included. The SDK's default (100 s, and three attempts) let a storage
    /// that accepts connections but never answers (a stopped server behind a proxy, as under the AppHost, or a network
    /// black hole) hold an upload for minutes, far past the 10 s a caller's resilience handler gives an attempt: the
    /// customer got a timeout instead of the 503 that says "try again", and MES's price worker stalled on one model.
    /// A model of the largest size (50 MiB) needs 12.5 MB/s to fit, which a storage beside the services gives.
    /// </summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(4);

    /// <summary>
    /// No retry of the SDK's own. A request that timed out may still be running on the server: a PUT sent again
    /// then writes the same key twice at once, which a store without atomic writes interleaves (s3rver, under load in
    /// the benchmark: objects whose bytes no longer match their ETag, so MES could never read the model and the order
    /// stayed in SUBMITTED). A retry also doubles the load on a storage that is slow because it is loaded. Every
    /// caller retries in its own way instead, without those hazards: the customer on the 503's Retry-After (the
    /// upload gets a new file id, so a new key), MES's price worker after a pause, the health check at its next probe.
    /// </summary>
    private const int MaxErrorRetry = 0;

    public static TBuilder AddS3Client<TBuilder>(this TBuilder builder, string connectionName)
        where TBuilder : IHostApplicationBuilder
    {
        var settings = new DbConnectionStringBuilder { ConnectionString = ConnectionStrings.Require(builder.Configuration, connectionName) };
        string Part(string key) => settings.TryGetValue(key, out var value) && value is string { Length: > 0 } text
            ? text
            : throw new InvalidOperationException($"ConnectionStrings:{connectionName} has no {key}=.");

        var config = new AmazonS3Config
        {
            ServiceURL = Part("Endpoint"),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            // S3-compatible servers do not all implement the SDK's default flexible checksums.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            Timeout = RequestTimeout,
            MaxErrorRetry = MaxErrorRetry,
        };
        var credentials = new BasicAWSCredentials(Part("AccessKey"), Part("SecretKey"));
        builder.Services.AddSingleton<IAmazonS3>(_ => new AmazonS3Client(credentials, config));
        builder.Services.AddSingleton<ObjectStorage>();

        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            connectionName,
            services => new S3HealthCheck(services.GetRequiredService<IAmazonS3>()),
            HealthStatus.Unhealthy,
            [HealthCheckTags.Ready]));
        return builder;
    }

    private sealed class S3HealthCheck(IAmazonS3 s3) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await s3.ListBucketsAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception exception) when (exception is AmazonServiceException or HttpRequestException or TaskCanceledException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("The S3 storage does not answer.", exception);
            }
        }
    }
}
