using Alexandrite.AppHost.Infrastructure;
using Alexandrite.AppHost.Monitoring;
using Microsoft.Extensions.Configuration;

namespace Alexandrite.AppHost;

/// <summary>The secrets every service gets: the key of its telemetry pseudonyms and the access tokens' signing key.</summary>
internal sealed record ServiceSecrets(IResourceBuilder<ParameterResource> PseudonymKey, IResourceBuilder<ParameterResource> SigningKey);

/// <summary>The service a resource is an instance of, when that is not its own name (mes-api-2 is an instance of mes-api).</summary>
internal sealed record ServiceNameAnnotation(string ServiceName) : IResourceAnnotation;

/// <summary>What the AppHost gives each of the four Alexandrite services besides their connections.</summary>
internal static class ServiceExtensions
{
    /// <summary>The name Aspire gives its dashboard resource.</summary>
    private const string DashboardResourceName = "aspire-dashboard";

    /// <summary>
    /// An HTTP endpoint on the service's usual port (the projects have no launch profile; the tests randomize it),
    /// the /health check, the environment, a second trace destination (Jaeger) when there is one, the pseudonym key,
    /// the key access tokens are signed and checked with (Auth__SigningKey: every service checks the caller's), an
    /// internal endpoint where Prometheus scrapes its metrics, and a dashboard command that produces an error trace
    /// on purpose. A further instance of a service (<paramref name="instanceOf"/>) reports its telemetry as that service.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AsAlexandriteService(
        this IResourceBuilder<ProjectResource> project,
        AlexandriteInfrastructure infrastructure,
        ServiceSecrets secrets,
        int? port,
        string? instanceOf = null)
    {
        if (instanceOf is not null)
        {
            // Later than Aspire's own OTEL_SERVICE_NAME (the resource name), so it wins; service.instance.id stays the resource's.
            project.WithAnnotation(new ServiceNameAnnotation(instanceOf)).WithEnvironment("OTEL_SERVICE_NAME", instanceOf);
        }

        project
            .WithHttpEndpoint(port: port, name: "http")
            // Not proxied: Prometheus scrapes the service's own listener. An endpoint with an environment variable of its
            // own stays out of ASPNETCORE_URLS; the service defaults open it (PrometheusScrapePort).
            .WithHttpEndpoint(name: MonitoringResources.MetricsEndpoint, env: "Telemetry__Prometheus__Port", isProxied: false)
            .WithHttpHealthCheck("/health")
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", project.ApplicationBuilder.Environment.EnvironmentName)
            .WithEnvironment("DOTNET_ENVIRONMENT", project.ApplicationBuilder.Environment.EnvironmentName)
            // The console carries warnings and errors; every record (Information too) is in the dashboard's structured
            // logs, with its trace. The orchestrator reads, forwards and keeps each console line, and every order wrote
            // several Information lines there that the structured logs already hold.
            .WithEnvironment("Logging__Console__LogLevel__Default", "Warning")
            .WithEnvironment("Telemetry__PseudonymKey", secrets.PseudonymKey)
            .WithEnvironment("Auth__SigningKey", secrets.SigningKey)
            .WithFailureTraceCommand(secrets.SigningKey);

        if (infrastructure.Jaeger is { } jaeger)
        {
            project
                .WithEnvironment("Telemetry__Jaeger__Endpoint", jaeger.OtlpEndpoint)
                .WithEnvironment("Telemetry__Jaeger__Protocol", jaeger.Protocol);
            if (jaeger.Resource is { } resource)
            {
                project.WaitFor(resource);
            }
        }

        return project;
    }

    /// <summary>ConnectionStrings__&lt;name&gt; for each resource, and the service starts once they are healthy.</summary>
    public static IResourceBuilder<ProjectResource> WithReferences(this IResourceBuilder<ProjectResource> project, params IResourceBuilder<IResourceWithConnectionString>[] resources)
    {
        foreach (var resource in resources)
        {
            project.WithReference(resource).WaitFor(resource);
        }

        return project;
    }

    /// <summary>
    /// Support's order journey links each trace in this dashboard (Journey__DashboardUrl, from the dashboard's real
    /// address, random under the tests) and in Jaeger when there is a Jaeger UI (Journey__JaegerUrl).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithJourneyLinks(this IResourceBuilder<ProjectResource> project, AlexandriteInfrastructure infrastructure)
    {
        if (infrastructure.Jaeger?.UiUrl is { } jaegerUi)
        {
            project.WithEnvironment("Journey__JaegerUrl", jaegerUi);
        }

        return project.WithEnvironment(context =>
        {
            // The dashboard resource is added when the application starts, so it is looked up then, by name.
            var model = context.ExecutionContext.Services.GetRequiredService<DistributedApplicationModel>();
            if (model.Resources.FirstOrDefault(resource => resource.Name == DashboardResourceName) is IResourceWithEndpoints dashboard
                && dashboard.Annotations.OfType<EndpointAnnotation>().FirstOrDefault(endpoint => endpoint.UriScheme is "http" or "https") is { } browser)
            {
                context.EnvironmentVariables["Journey__DashboardUrl"] = dashboard.GetEndpoint(browser.Name);
            }
        });
    }

    /// <summary>
    /// The users Shop.Web signs in: SignIn__Users__&lt;name&gt;__Password and __Role, as Shop.Web's SignInOptions reads them.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithSignInUsers(this IResourceBuilder<ProjectResource> project, IEnumerable<SignInAccount> users)
    {
        foreach (var user in users)
        {
            project.WithEnvironment($"SignIn__Users__{user.Name}__Password", user.Password)
                .WithEnvironment($"SignIn__Users__{user.Name}__Role", user.Role);
        }

        return project;
    }

    /// <summary>
    /// services__&lt;api&gt;__http__0 for service discovery: the API's http endpoint only, not its internal metrics one.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithApiReference(this IResourceBuilder<ProjectResource> project, IResourceBuilder<ProjectResource> api) =>
        project.WithReference(api.GetEndpoint("http"));

    /// <summary>
    /// The AppHost's own <paramref name="section"/> settings passed on to the service (Watchdog:Limits:SUBMITTED=00:00:20
    /// on the AppHost's command line becomes Watchdog__Limits__SUBMITTED): what a demo shortens without editing files.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithSettingsFrom(this IResourceBuilder<ProjectResource> project, IConfiguration configuration, string section)
    {
        foreach (var setting in configuration.GetSection(section).AsEnumerable().Where(setting => setting.Value is not null))
        {
            project.WithEnvironment(setting.Key.Replace(":", "__", StringComparison.Ordinal), setting.Value);
        }

        return project;
    }

    /// <summary>A "Swagger UI" link next to the service's address in the dashboard.</summary>
    public static IResourceBuilder<ProjectResource> WithSwaggerUi(this IResourceBuilder<ProjectResource> project) =>
        project.WithUrlForEndpoint("http", _ => new ResourceUrlAnnotation { Url = "/swagger", DisplayText = "Swagger UI" });

    /// <summary>The service.name a resource's telemetry carries: its own name unless it is a further instance of a service.</summary>
    public static string ServiceName(this IResource resource) =>
        resource.Annotations.OfType<ServiceNameAnnotation>().LastOrDefault()?.ServiceName ?? resource.Name;
}
