using Alexandrite.AppHost.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Alexandrite.AppHost.Monitoring;

/// <summary>
/// Prometheus, which scrapes every service's metrics and evaluates deploy/prometheus/alerts.yml, and Alertmanager,
/// which Prometheus sends firing alerts to (deploy/alertmanager/alertmanager.yml). Debian's packages as host
/// processes in process mode, the official images in container mode; their UIs are linked from the dashboard.
/// </summary>
internal static class MonitoringResources
{
    public const string PrometheusName = "prometheus";
    public const string AlertmanagerName = "alertmanager";

    /// <summary>Every service's endpoint for Prometheus (Telemetry__Prometheus__Port): internal, never external.</summary>
    public const string MetricsEndpoint = "metrics";

    /// <summary>How often Prometheus scrapes and evaluates the rules (Monitoring:ScrapeInterval; the tests shorten it).</summary>
    public const string ScrapeIntervalKey = "Monitoring:ScrapeInterval";

    private static readonly TimeSpan DefaultScrapeInterval = TimeSpan.FromSeconds(15);

    public static void AddMonitoring(this IDistributedApplicationBuilder builder, InfrastructureMode mode, params IResourceBuilder<ProjectResource>[] services)
    {
        var dataDirectory = ProcessInfrastructure.DataDirectoryOf(builder);
        var deploy = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "deploy"));
        var scrapeInterval = builder.Configuration.GetValue(ScrapeIntervalKey, DefaultScrapeInterval);
        var configDirectory = Path.Combine(dataDirectory, "prometheus-config");
        var containers = mode == InfrastructureMode.Containers;

        IResource alertmanager = containers
            ? builder.AddContainer(AlertmanagerName, "prom/alertmanager", "v0.28.1")
                .WithBindMount(Path.Combine(deploy, "alertmanager"), "/etc/alertmanager", isReadOnly: true)
                .WithArgs("--config.file=/etc/alertmanager/alertmanager.yml", "--storage.path=/alertmanager")
                .WithHttpEndpoint(targetPort: 9093, name: "http")
                .AsMonitoringUi("Alertmanager UI")
                .Resource as IResource
            : AddAlertmanagerProcess(builder, Path.Combine(deploy, "alertmanager", "alertmanager.yml"), Path.Combine(dataDirectory, "alertmanager"))
                .AsMonitoringUi("Alertmanager UI")
                .Resource;
        var alertmanagerBuilder = builder.CreateResourceBuilder(alertmanager);

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

        // The configuration names the endpoints' ports, known once the orchestrator has allocated them. A container
        // reaches the services and Alertmanager through the host (host.docker.internal, proxied by the orchestrator).
        var alertmanagerEndpoint = new EndpointReference((IResourceWithEndpoints)alertmanager, "http");
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(prometheus, async (_, cancellationToken) =>
        {
            string HostPort(EndpointReference endpoint) => containers ? $"host.docker.internal:{endpoint.Port}" : $"{endpoint.Host}:{endpoint.Port}";
            var configuration = new PrometheusConfiguration(
                scrapeInterval,
                containers ? "/etc/alexandrite-rules/alerts.yml" : Path.Combine(deploy, "prometheus", "alerts.yml"),
                containers ? $"{AlertmanagerName}:9093" : HostPort(alertmanagerEndpoint),
                services.Select(service => (service.Resource.Name, HostPort(service.GetEndpoint(MetricsEndpoint)))).ToList());
            Directory.CreateDirectory(configDirectory);
            await File.WriteAllTextAsync(Path.Combine(configDirectory, "prometheus.yml"), configuration.ToYaml(), cancellationToken);
        });
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
