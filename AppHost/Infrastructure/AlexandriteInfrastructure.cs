using Microsoft.Extensions.Configuration;

namespace Alexandrite.AppHost.Infrastructure;

/// <summary>
/// What the four services use, the same in both modes: the resources they reference by name (their connection
/// strings are ConnectionStrings__shopdb, __mesdb, __messaging, __storage) and where traces go besides the dashboard.
/// </summary>
internal sealed record AlexandriteInfrastructure(
    InfrastructureMode Mode,
    IResourceBuilder<IResourceWithConnectionString> ShopDatabase,
    IResourceBuilder<IResourceWithConnectionString> MesDatabase,
    IResourceBuilder<IResourceWithConnectionString> Messaging,
    IResourceBuilder<IResourceWithConnectionString> Storage,
    TraceStore? Jaeger);

/// <summary>
/// A second destination for traces: Jaeger's OTLP endpoint and its UI (for the journey's links). The user's own
/// Jaeger or collector when Telemetry:Jaeger:Endpoint names one, in either mode (see <see cref="FromConfiguration"/>);
/// otherwise the Jaeger container in container mode, and none in process mode (no Jaeger is installable there).
/// </summary>
/// <param name="Protocol">OTLP's protocol at that endpoint: grpc or http/protobuf (Telemetry__Jaeger__Protocol).</param>
/// <param name="Resource">The resource to wait for, when the AppHost runs it.</param>
internal sealed record TraceStore(ReferenceExpression OtlpEndpoint, string Protocol, ReferenceExpression? UiUrl, IResourceBuilder<IResource>? Resource)
{
    public const string EndpointKey = "Telemetry:Jaeger:Endpoint";
    public const string ProtocolKey = "Telemetry:Jaeger:Protocol";
    public const string UiUrlKey = "Telemetry:Jaeger:UiUrl";

    /// <summary>Jaeger v2 takes OTLP over gRPC on 4317 and over HTTP on 4318; the container is given the former.</summary>
    public const string DefaultProtocol = "grpc";

    /// <summary>
    /// A Jaeger or collector the AppHost does not run (a team's shared one, or a test's receiver): Telemetry:Jaeger:Endpoint,
    /// with :Protocol (default grpc) and :UiUrl for the journey's links. Null when no endpoint is set.
    /// </summary>
    public static TraceStore? FromConfiguration(IConfiguration configuration) =>
        configuration[EndpointKey] is { Length: > 0 } endpoint
            ? new TraceStore(
                ReferenceExpression.Create($"{endpoint}"),
                configuration[ProtocolKey] is { Length: > 0 } protocol ? protocol : DefaultProtocol,
                configuration[UiUrlKey] is { Length: > 0 } ui ? ReferenceExpression.Create($"{ui}") : null,
                Resource: null)
            : null;
}
