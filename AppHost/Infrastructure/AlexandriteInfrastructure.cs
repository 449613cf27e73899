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
/// A second destination for traces: Jaeger's OTLP/gRPC endpoint and its UI (for the journey's links). The Jaeger
/// container in container mode; in process mode the user's own Jaeger or collector, if Telemetry:Jaeger:Endpoint
/// names one (no Jaeger is installable there).
/// </summary>
/// <param name="Resource">The resource to wait for, when the AppHost runs it.</param>
internal sealed record TraceStore(ReferenceExpression OtlpEndpoint, ReferenceExpression? UiUrl, IResourceBuilder<IResource>? Resource);
