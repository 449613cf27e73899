using Alexandrite.Contracts;
using Alexandrite.AppHost.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Alexandrite.AppHost.Monitoring;

/// <summary>
/// Prometheus, which scrapes every service's metrics and evaluates deploy/prometheus/alerts.yml, and Alertmanager,
/// which Prometheus sends firing alerts to (deploy/alertmanager/alertmanager.yml) and which notifies support's alert
/// inbox. Debian's packages as host processes in process mode, the official images in container mode, plus Grafana
/// with deploy/grafana's dashboards there; their UIs are linked from the dashboard.
/// </summary>
internal static class MonitoringResources
{
    public const string PrometheusName = "prometheus";
    public const string AlertmanagerName = "alertmanager";
    public const string GrafanaName = "grafana";

    /// <summary>Every service's endpoint for Prometheus (Telemetry__Prometheus__Port): internal, never external.</summary>
    public const string MetricsEndpoint = "metrics";

    /// <summary>How often Prometheus scrapes and evaluates the rules (Monitoring:ScrapeInterval; the tests shorten it).</summary>
    public const string ScrapeIntervalKey = "Monitoring:ScrapeInterval";

    /// <summary>
    /// Alertmanager's group_wait and group_interval when set (Monitoring:AlertGroupWait, Monitoring:AlertGroupInterval),
    /// instead of deploy/alertmanager's: the tests shorten them so a notification follows an alert in seconds.
    /// </summary>
    public const string AlertGroupWaitKey = "Monitoring:AlertGroupWait";

    public const string AlertGroupIntervalKey = "Monitoring:AlertGroupInterval";

    private static readonly TimeSpan DefaultScrapeInterval = TimeSpan.FromSeconds(15);

    public static void AddMonitoring(
        this IDistributedApplicationBuilder builder, AlexandriteInfrastructure infrastructure, AlertInbox inbox, params IResourceBuilder<ProjectResource>[] services)
    {
        var dataDirectory = ProcessInfrastructure.DataDirectoryOf(builder);
        var deploy = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "deploy"));
        var scrapeInterval = builder.Configuration.GetValue(ScrapeIntervalKey, DefaultScrapeInterval);
        var configDirectory = Path.Combine(dataDirectory, "prometheus-config");
        var alertmanagerConfigDirectory = Path.Combine(dataDirectory, "alertmanager-config");
        var containers = infrastructure.Mode == InfrastructureMode.Containers;

        IResource alertmanager = containers
            ? builder.AddContainer(AlertmanagerName, "prom/alertmanager", "v0.28.1")
                .WithBindMount(alertmanagerConfigDirectory, "/etc/alexandrite", isReadOnly: true)
                .WithArgs("--config.file=/etc/alexandrite/alertmanager.yml", "--storage.path=/alertmanager")
                .WithHttpEndpoint(targetPort: 9093, name: "http")
                .AsMonitoringUi("Alertmanager UI")
                .Resource as IResource
            : AddAlertmanagerProcess(builder, Path.Combine(alertmanagerConfigDirectory, "alertmanager.yml"), Path.Combine(dataDirectory, "alertmanager"))
                .AsMonitoringUi("Alertmanager UI")
                .Resource;
        var alertmanagerBuilder = builder.CreateResourceBuilder(alertmanager)
            .WithReferenceRelationship(inbox.Service);

        IResource prometheus = containers
            ? builder.AddContainer(PrometheusName, "prom/prometheus", "v3.5.0")
                .WithBindMount(configDirectory, "/etc/alexandrite", isReadOnly: true)
                .WithBindMount(Path.Combine(deploy, "prometheus"), "/etc/alexandrite-rules", isReadOnly: true)
                .WithArgs("--config.file=/etc/alexandrite/prometheus.yml", "--storage.tsdb.path=/prometheus")
                .WithHttpEndpoint(targetPort: 9090, name: "http")
                .AsMonitoringUi("Prometheus UI")
                .WaitFor(alertmanagerBuilder)
                .WithReferenceRelationship(alertmanagerBuilder)
                .Resource as IResource
            : AddPrometheusProcess(builder, Path.Combine(configDirectory, "prometheus.yml"), Path.Combine(dataDirectory, "prometheus"))
                .AsMonitoringUi("Prometheus UI")
                .WaitFor(alertmanagerBuilder)
                .WithReferenceRelationship(alertmanagerBuilder)
                .Resource;

        if (containers)
        {
            builder.AddGrafana(deploy, builder.CreateResourceBuilder(prometheus), infrastructure.Jaeger);
        }

        // The configurations name the endpoints' ports, known once the orchestrator has allocated them. A container
        // reaches the services and Alertmanager through the host (host.docker.internal, proxied by the orchestrator).
        string HostPort(EndpointReference endpoint) => containers ? $"host.docker.internal:{endpoint.Port}" : $"{endpoint.Host}:{endpoint.Port}";
        var alertmanagerEndpoint = new EndpointReference((IResourceWithEndpoints)alertmanager, "http");
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(prometheus, async (_, cancellationToken) =>
        {
            var configuration = new PrometheusConfiguration(
                scrapeInterval,
                containers ? "/etc/alexandrite-rules/alerts.yml" : Path.Combine(deploy, "prometheus", "alerts.yml"),
                containers ? $"{AlertmanagerName}:9093" : HostPort(alertmanagerEndpoint),
                services.Select(service => (service.Resource.ServiceName(), HostPort(service.GetEndpoint(MetricsEndpoint)))).ToList());
            await WriteConfigurationAsync(configDirectory, "prometheus.yml", configuration.ToYaml(), containers, cancellationToken);
        });
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(alertmanager, async (_, cancellationToken) =>
        {
            var configuration = new AlertmanagerConfiguration(
                new Uri($"http://{HostPort(inbox.Service.GetEndpoint("http"))}{AlertInboxContract.Path}"),
                await inbox.Secret.Resource.GetValueAsync(cancellationToken) ?? throw new InvalidOperationException("The alert inbox has no secret."),
                PositiveOrNull(builder.Configuration, AlertGroupWaitKey),
                PositiveOrNull(builder.Configuration, AlertGroupIntervalKey));
            var deployed = await File.ReadAllTextAsync(Path.Combine(deploy, "alertmanager", "alertmanager.yml"), cancellationToken);
            await WriteConfigurationAsync(alertmanagerConfigDirectory, "alertmanager.yml", configuration.Apply(deployed), containers, cancellationToken);
        });
    }

    private static TimeSpan? PositiveOrNull(IConfiguration configuration, string key) =>
        configuration.GetValue<TimeSpan?>(key) is not { } value ? null
        : value > TimeSpan.Zero ? value
        : throw new InvalidOperationException($"{key} must be a positive duration (00:00:01), not {value}.");

    /// <summary>
    /// Grafana, in container mode only (there is no Debian package): Prometheus as its data source and the dashboards
    /// of deploy/grafana, provisioned (deploy/grafana/provisioning), and Jaeger for traces in Grafana's Explore when
    /// there is one; anonymous visitors may look, the admin password is a secret parameter.
    /// </summary>
    private static void AddGrafana(this IDistributedApplicationBuilder builder, string deploy, IResourceBuilder<IResource> prometheus, TraceStore? jaeger)
    {
        var grafana = Path.Combine(deploy, "grafana");
        var container = builder.AddContainer(GrafanaName, "grafana/grafana", "12.1.1")
            .WithBindMount(Path.Combine(grafana, "provisioning"), "/etc/grafana/provisioning", isReadOnly: true)
            .WithBindMount(Path.Combine(grafana, "dashboards"), "/var/lib/grafana/dashboards", isReadOnly: true)
            .WithEnvironment("GF_SECURITY_ADMIN_PASSWORD", builder.AddSecret("grafana-admin-password", minLength: 16))
            .WithEnvironment("GF_AUTH_ANONYMOUS_ENABLED", "true")
            .WithEnvironment("GF_AUTH_ANONYMOUS_ORG_ROLE", "Viewer")
            .WithHttpEndpoint(targetPort: 3000, name: "http")
            .WithUrlForEndpoint("http", url => url.DisplayText = "Grafana dashboards")
            .WithHttpHealthCheck("/api/health", endpointName: "http")
            .WaitFor(prometheus)
            .WithReferenceRelationship(prometheus);
        // Grafana's Jaeger data source (deploy/grafana/provisioning/datasources): the Jaeger container by its name on
        // the containers' network and its query port, else the Jaeger UI the AppHost was given, if any.
        if (jaeger?.Resource is { } jaegerContainer)
        {
            container.WithEnvironment("JAEGER_URL", $"http://{jaegerContainer.Resource.Name}:16686").WithReferenceRelationship(jaegerContainer);
        }
        else if (jaeger?.UiUrl is { } jaegerUi)
        {
            container.WithEnvironment("JAEGER_URL", jaegerUi);
        }
    }

    /// <summary>
    /// Written before the server starts. A host process runs as the developer, so the file (Alertmanager's holds the
    /// inbox's secret) is created theirs alone; a container's server runs as another user and must read it, so there it
    /// stays readable, in the AppHost's data folder (.local, not in the repository).
    /// </summary>
    private static async Task WriteConfigurationAsync(string directory, string fileName, string content, bool containers, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        if (containers || OperatingSystem.IsWindows())
        {
            await File.WriteAllTextAsync(path, content, cancellationToken);
            return;
        }

        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using (var file = new StreamWriter(path, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = OwnerOnly }))
        {
            await file.WriteAsync(content.AsMemory(), cancellationToken);
        }

        // A file from an earlier run keeps the mode it was created with.
        File.SetUnixFileMode(path, OwnerOnly);
    }

    /// <summary>A link to the UI in the dashboard, and healthy once the server says it is ready.</summary>
    private static IResourceBuilder<T> AsMonitoringUi<T>(this IResourceBuilder<T> resource, string displayText)
        where T : IResourceWithEndpoints =>
        resource
            .WithUrlForEndpoint("http", url => url.DisplayText = displayText)
            .WithHttpHealthCheck("/-/ready", endpointName: "http");

    /// <summary>Debian's prometheus-alertmanager, clustering off (it would bind 0.0.0.0:9094 otherwise).</summary>
    private static IResourceBuilder<ExecutableResource> AddAlertmanagerProcess(IDistributedApplicationBuilder builder, string configFile, string storage) =>
        builder.AddMonitoringProcess(AlertmanagerName, "/usr/bin/prometheus-alertmanager", 55993, configFile, "--storage.path=" + storage, storage, "--cluster.listen-address=");

    private static IResourceBuilder<ExecutableResource> AddPrometheusProcess(IDistributedApplicationBuilder builder, string configFile, string storage) =>
        builder.AddMonitoringProcess(PrometheusName, "/usr/bin/prometheus", 55990, configFile, "--storage.tsdb.path=" + storage, storage);

    /// <summary>
    /// One of the Prometheus project's servers as a host process: its configuration file, its data folder (also its
    /// working folder), and its UI and API on loopback at the endpoint's port, which the orchestrator proxies.
    /// </summary>
    private static IResourceBuilder<ExecutableResource> AddMonitoringProcess(
        this IDistributedApplicationBuilder builder, string name, string executable, int port, string configFile, string storageArgument, string storage,
        params string[] moreArguments)
    {
        var server = builder.AddExecutable(name, executable, storage)
            .WithWorkingDirectoryCreatedAtStart()
            .WithHttpEndpoint(port: port, name: "http");
        var endpoint = server.GetEndpoint("http");
        return server.WithArgs(context =>
        {
            context.Args.Add("--config.file=" + configFile);
            context.Args.Add(storageArgument);
            context.Args.Add(ReferenceExpression.Create($"--web.listen-address=127.0.0.1:{endpoint.Property(EndpointProperty.TargetPort)}"));
            foreach (var argument in moreArguments)
            {
                context.Args.Add(argument);
            }
        });
    }
}
