namespace Alexandrite.AppHost.Infrastructure;

/// <summary>MinIO in a container: S3 with the connection string ServiceDefaults' S3 client reads.</summary>
internal sealed class MinioResource(string name, ParameterResource accessKey, ParameterResource secretKey)
    : ContainerResource(name), IResourceWithConnectionString
{
    public const string ApiEndpointName = "api";
    public const string ConsoleEndpointName = "console";

    public EndpointReference ApiEndpoint => new(this, ApiEndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Endpoint={ApiEndpoint};AccessKey={accessKey};SecretKey={secretKey}");
}

internal static class MinioExtensions
{
    /// <summary>
    /// Runs MinIO with the given root credentials and a persistent volume, with the bucket created before the S3
    /// port answers: a first server on a private loopback port creates it with mc, then the real server replaces
    /// it (exec, so it gets the container's stop signal). The health check on the S3 port therefore also means
    /// "the bucket exists".
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddMinio(
        this IDistributedApplicationBuilder builder,
        string name,
        string imageTag,
        IResourceBuilder<ParameterResource> accessKey,
        IResourceBuilder<ParameterResource> secretKey,
        string bucket)
    {
        var start = $$"""
            minio server /data --address 127.0.0.1:9100 >/dev/null 2>&1 &
            init=$!
            until mc alias set init http://127.0.0.1:9100 "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null 2>&1; do sleep 1; done
            mc mb --ignore-existing init/{{bucket}} || exit 1
            kill $init; wait $init
            exec minio server /data --address :9000 --console-address :9001
            """;

        var storage = builder.AddResource(new MinioResource(name, accessKey.Resource, secretKey.Resource))
            .WithImage("minio/minio", imageTag)
            .WithImageRegistry("docker.io")
            .WithEntrypoint("/bin/sh")
            .WithArgs("-c", start)
            .WithEnvironment("MINIO_ROOT_USER", accessKey)
            .WithEnvironment("MINIO_ROOT_PASSWORD", secretKey);
        return storage
            .WithVolume(VolumeNameGenerator.Generate(storage, "data"), "/data")
            .WithHttpEndpoint(targetPort: 9000, name: MinioResource.ApiEndpointName)
            .WithHttpEndpoint(targetPort: 9001, name: MinioResource.ConsoleEndpointName)
            .WithUrlForEndpoint(MinioResource.ConsoleEndpointName, url => url.DisplayText = "MinIO console")
            .WithUrlForEndpoint(MinioResource.ApiEndpointName, url =>
            {
                url.DisplayText = "S3 API";
                url.DisplayLocation = UrlDisplayLocation.DetailsOnly;
            })
            .WithHttpHealthCheck("/minio/health/ready", endpointName: MinioResource.ApiEndpointName);
    }
}
