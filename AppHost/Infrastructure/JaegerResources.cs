namespace Alexandrite.AppHost.Infrastructure;

/// <summary>Jaeger v2 all-in-one in a container: OTLP in, the UI out (https://www.jaegertracing.io/docs/latest/apis/).</summary>
internal static class JaegerResources
{
    public const string UiEndpoint = "ui";
    public const string OtlpGrpcEndpoint = "otlp-grpc";

    /// <summary>In memory: traces of this run only.</summary>
    public static IResourceBuilder<ContainerResource> AddJaeger(this IDistributedApplicationBuilder builder, string name, string imageTag) =>
        builder.AddContainer(name, "jaegertracing/jaeger", imageTag)
            // Jaeger v2's default configuration listens on ${JAEGER_LISTEN_HOST:-localhost} in some releases:
            // inside a container it has to be every interface for the published ports to reach it.
            .WithEnvironment("JAEGER_LISTEN_HOST", "0.0.0.0")
            .WithHttpEndpoint(targetPort: 16686, name: UiEndpoint)
            .WithEndpoint(targetPort: 4317, scheme: "http", name: OtlpGrpcEndpoint)
            .WithUrlForEndpoint(UiEndpoint, url => url.DisplayText = "Jaeger UI")
            .WithUrlForEndpoint(OtlpGrpcEndpoint, url =>
            {
                url.DisplayText = "OTLP (gRPC)";
                url.DisplayLocation = UrlDisplayLocation.DetailsOnly;
            })
            .WithHttpHealthCheck("/", endpointName: UiEndpoint);
}
