using Microsoft.Extensions.Hosting;

namespace Alexandrite.AppHost;

/// <summary>MinIO, the S3 storage of the AppHost (s3rver plays it without Docker).</summary>
internal static class StorageResource
{
    /// <summary>A pinned MinIO server release (the image also carries the mc client the start script uses).</summary>
    public const string ImageTag = "RELEASE.2025-04-22T22-12-26Z";

    public const string ModelsBucket = "models";
    public const string ApiEndpoint = "api";
    public const string ConsoleEndpoint = "console";
}

/// <summary>Jaeger v2: OTLP in, UI out (https://www.jaegertracing.io/docs/latest/apis/).</summary>
internal static class JaegerResource
{
    public const string UiEndpoint = "ui";
    public const string OtlpGrpcEndpoint = "otlp-grpc";
}

/// <summary>An S3 storage container and the connection string ServiceDefaults' AddS3Client reads.</summary>
internal sealed record S3Storage(IResourceBuilder<ContainerResource> Container, ReferenceExpression ConnectionString);

internal static class ResourceExtensions
{
    /// <summary>
    /// Runs MinIO with the given root credentials and a persistent volume, with the bucket created before the S3
    /// port answers: a first server on a private loopback port creates it with mc, then the real server replaces
    /// it (exec, so it gets the container's stop signal). The health check on the S3 port therefore also means
    /// "the bucket exists".
    /// </summary>
    public static S3Storage AsS3Storage(
        this IResourceBuilder<ContainerResource> storage,
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

        storage
            .WithEntrypoint("/bin/sh")
            .WithArgs("-c", start)
            .WithEnvironment("MINIO_ROOT_USER", accessKey)
            .WithEnvironment("MINIO_ROOT_PASSWORD", secretKey)
            .WithVolume(VolumeNameGenerator.Generate(storage, "data"), "/data")
            .WithHttpEndpoint(targetPort: 9000, name: StorageResource.ApiEndpoint)
            .WithHttpEndpoint(targetPort: 9001, name: StorageResource.ConsoleEndpoint)
            .WithUrlForEndpoint(StorageResource.ConsoleEndpoint, url => url.DisplayText = "MinIO console")
            .WithUrlForEndpoint(StorageResource.ApiEndpoint, url =>
            {
                url.DisplayText = "S3 API";
                url.DisplayLocation = UrlDisplayLocation.DetailsOnly;
            })
            .WithHttpHealthCheck("/minio/health/ready", endpointName: StorageResource.ApiEndpoint);

        var connectionString = ReferenceExpression.Create(
            $"Endpoint={storage.GetEndpoint(StorageResource.ApiEndpoint)};AccessKey={accessKey.Resource};SecretKey={secretKey.Resource}");
        return new S3Storage(storage, connectionString);
    }

    /// <summary>ConnectionStrings__&lt;name&gt; for the S3 storage, as WithReference gives it for a database.</summary>
    public static IResourceBuilder<ProjectResource> WithS3Reference(this IResourceBuilder<ProjectResource> project, S3Storage storage, string connectionName) =>
        project
            .WithEnvironment($"ConnectionStrings__{connectionName}", storage.ConnectionString)
            .WithReferenceRelationship(storage.Container.Resource)
            .WaitFor(storage.Container);

    /// <summary>Jaeger v2 all-in-one, in memory: the UI and OTLP over gRPC.</summary>
    public static IResourceBuilder<ContainerResource> AsJaeger(this IResourceBuilder<ContainerResource> jaeger) =>
        jaeger
            // Jaeger v2's default configuration listens on ${JAEGER_LISTEN_HOST:-localhost} in some releases:
            // inside a container it has to be every interface for the published ports to reach it.
            .WithEnvironment("JAEGER_LISTEN_HOST", "0.0.0.0")
            .WithHttpEndpoint(targetPort: 16686, name: JaegerResource.UiEndpoint)
            .WithEndpoint(targetPort: 4317, scheme: "http", name: JaegerResource.OtlpGrpcEndpoint)
            .WithUrlForEndpoint(JaegerResource.UiEndpoint, url => url.DisplayText = "Jaeger UI")
            .WithUrlForEndpoint(JaegerResource.OtlpGrpcEndpoint, url =>
            {
                url.DisplayText = "OTLP (gRPC)";
                url.DisplayLocation = UrlDisplayLocation.DetailsOnly;
            })
            .WithHttpHealthCheck("/", endpointName: JaegerResource.UiEndpoint);

    /// <summary>
    /// What every Alexandrite service gets besides its connections: an HTTP endpoint on its usual port (the
    /// projects have no launch profile), the /health check, the environment, a second trace destination in
    /// Jaeger over gRPC, the pseudonym key, and a dashboard command that produces an error trace on purpose.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AsAlexandriteService(
        this IResourceBuilder<ProjectResource> project,
        IResourceBuilder<ContainerResource> jaeger,
        IResourceBuilder<ParameterResource> pseudonymKey,
        int port) =>
        project
            .WithHttpEndpoint(port: port, name: "http")
            .WithHttpHealthCheck("/health")
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", project.ApplicationBuilder.Environment.EnvironmentName)
            .WithEnvironment("DOTNET_ENVIRONMENT", project.ApplicationBuilder.Environment.EnvironmentName)
            .WithEnvironment("Telemetry__Jaeger__Endpoint", jaeger.GetEndpoint(JaegerResource.OtlpGrpcEndpoint))
            .WithEnvironment("Telemetry__Jaeger__Protocol", "grpc")
            .WithEnvironment("Telemetry__PseudonymKey", pseudonymKey)
            .WaitFor(jaeger)
            .WithFailureTraceCommand();

    /// <summary>The key access tokens are signed (Shop.Web) and checked (Mes.Api, Crm.Api) with: Auth__SigningKey.</summary>
    public static IResourceBuilder<ProjectResource> WithAccessTokenKey(this IResourceBuilder<ProjectResource> project, IResourceBuilder<ParameterResource> signingKey) =>
        project.WithEnvironment("Auth__SigningKey", signingKey);

    /// <summary>
    /// The users Shop.Web signs in, one per role, named after it, each password a secret parameter
    /// "&lt;role&gt;-password": SignIn__Users__&lt;name&gt;__Password and __Role, as Shop.Web's SignInOptions reads them.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithSignInUsers(this IResourceBuilder<ProjectResource> project, params string[] roles)
    {
        foreach (var role in roles)
        {
            var password = project.ApplicationBuilder.AddParameter($"{role}-password", new GenerateParameterDefault { MinLength = 16, Special = false }, secret: true, persist: true);
            project.WithEnvironment($"SignIn__Users__{role}__Password", password)
                .WithEnvironment($"SignIn__Users__{role}__Role", role);
        }

        return project;
    }

    /// <summary>A "Swagger UI" link next to the service's address in the dashboard.</summary>
    public static IResourceBuilder<ProjectResource> WithSwaggerUi(this IResourceBuilder<ProjectResource> project) =>
        project.WithUrlForEndpoint("http", _ => new ResourceUrlAnnotation { Url = "/swagger", DisplayText = "Swagger UI" });

    /// <summary>
    /// Dashboard command: GET /diagnostics/failure (ServiceDefaults maps it in Development), a deliberate failure,
    /// so a developer sees what an error trace looks like in the dashboard and in Jaeger.
    /// </summary>
    private static IResourceBuilder<ProjectResource> WithFailureTraceCommand(this IResourceBuilder<ProjectResource> project) =>
        project.WithDiagnosticsCommand(
            "failure-trace", "Produce an error trace", "Bug", HttpMethod.Get, "/diagnostics/failure",
            "Calls /diagnostics/failure, which fails on purpose, to show an error trace in the dashboard and in Jaeger.",
            status => status >= 500);

    /// <summary>
    /// Dashboard command on Shop.Api: POST /diagnostics/demo-order creates, uploads (a 10 mm gold cube) and submits an
    /// order, which then waits for the manager's approval in Shop.Web's back office.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDemoOrderCommand(this IResourceBuilder<ProjectResource> project) =>
        project.WithDiagnosticsCommand(
            "demo-order", "Create a demo order", "Add", HttpMethod.Post, "/diagnostics/demo-order",
            "Creates, uploads and submits an order (a 10 mm gold cube); it waits for the manager in Shop.Web's back office.",
            status => status is >= 200 and < 300);

    /// <summary>
    /// Dashboard commands on a consuming service: pause and resume its RabbitMQ consumer (POST
    /// /diagnostics/consumer/pause, /resume), so orders visibly get stuck while the service stays up.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithConsumerSwitchCommands(this IResourceBuilder<ProjectResource> project) =>
        project
            .WithDiagnosticsCommand(
                "pause-consumer", "Stop taking orders", "Pause", HttpMethod.Post, "/diagnostics/consumer/pause",
                "Stops consuming the service's queue: new orders wait there and the watchdog reports them stuck.",
                status => status is >= 200 and < 300)
            .WithDiagnosticsCommand(
                "resume-consumer", "Take orders again", "Play", HttpMethod.Post, "/diagnostics/consumer/resume",
                "Consumes the service's queue again: the waiting orders move on.",
                status => status is >= 200 and < 300);

    /// <summary>A dashboard command that calls one of the service's Development-only /diagnostics endpoints.</summary>
    private static IResourceBuilder<ProjectResource> WithDiagnosticsCommand(
        this IResourceBuilder<ProjectResource> project,
        string name,
        string displayName,
        string iconName,
        HttpMethod method,
        string path,
        string description,
        Func<int, bool> succeeded)
    {
        var endpoint = project.GetEndpoint("http");
        return project.WithCommand(
            name: name,
            displayName: displayName,
            executeCommand: async context =>
            {
                using var client = new HttpClient();
                using var request = new HttpRequestMessage(method, new Uri(new Uri(endpoint.Url), path));
                using var response = await client.SendAsync(request, context.CancellationToken);
                return succeeded((int)response.StatusCode)
                    ? CommandResults.Success()
                    : CommandResults.Failure($"{method} {path} answered {(int)response.StatusCode}: is the service running in Development?");
            },
            commandOptions: new CommandOptions
            {
                Description = description,
                IconName = iconName,
                UpdateState = context => context.ResourceSnapshot.State?.Text == KnownResourceStates.Running
                    ? ResourceCommandState.Enabled
                    : ResourceCommandState.Disabled,
            });
    }
}
