namespace Alexandrite.AppHost.Infrastructure;

/// <summary>
/// S3 as a host process: s3rver (npm, installed into eng/s3rver by eng/install-prerequisites.sh) on node,
/// path-style addressing, objects under the data folder. Its connection string is what ServiceDefaults' S3 client
/// reads ("Endpoint=…;AccessKey=…;SecretKey=…"); s3rver checks only the access key id, which is fixed.
/// </summary>
internal sealed class S3ProcessResource(string name, string dataDirectory)
    : ExecutableResource(name, "node", dataDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "http";
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    public EndpointReference Endpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Endpoint={Endpoint};AccessKey={AccessKey};SecretKey={SecretKey}");
}

internal static class S3ProcessExtensions
{
    /// <summary>
    /// s3rver with the bucket created before it listens (--configure-bucket leaves an existing one as it is), listening
    /// on its port itself (fixed for a developer, free under the tests); healthy when GET / (ListBuckets, which s3rver
    /// answers without credentials) is 200.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddS3Process(
        this IDistributedApplicationBuilder builder, string name, string s3rverScript, string dataDirectory, string bucket, int? port)
    {
        // s3rver creates its objects folder itself (--directory).
        var objects = Path.Combine(dataDirectory, "data");
        var storage = builder.AddResource(new S3ProcessResource(name, dataDirectory))
            .WithWorkingDirectoryCreatedAtStart()
            .WithHttpEndpoint(port: port, name: S3ProcessResource.EndpointName, isProxied: false);
        var endpoint = storage.Resource.Endpoint;

        return storage
            .WithArgs(context =>
            {
                if (!File.Exists(s3rverScript))
                {
                    throw new DistributedApplicationException($"s3rver is not installed ({s3rverScript} is missing): run eng/install-prerequisites.sh.");
                }

                context.Args.Add(s3rverScript);
                context.Args.Add("--directory");
                context.Args.Add(objects);
                context.Args.Add("--address");
                context.Args.Add("127.0.0.1");
                context.Args.Add("--port");
                context.Args.Add(endpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("--no-vhost-buckets");
                // No access log: two console lines per request (and per health probe), each forwarded by the
                // orchestrator to the dashboard, cost CPU under load (issue 16) and say less than the callers' S3 spans.
                context.Args.Add("--silent");
                context.Args.Add("--configure-bucket");
                context.Args.Add(bucket);
            })
            .WithUrlForEndpoint(S3ProcessResource.EndpointName, url => url.DisplayText = "S3 API")
            .WithIconName("Storage")
            .WithHttpHealthCheck("/", endpointName: S3ProcessResource.EndpointName);
    }
}
