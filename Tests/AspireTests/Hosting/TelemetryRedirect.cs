using Alexandrite.Testing.Otlp;

namespace Alexandrite.AspireTests.Hosting;

/// <summary>
/// Points a service's OTLP exporter (OTEL_EXPORTER_OTLP_*) at the tests' receiver, which keeps every span, log record
/// and metric point for the assertions that the dashboard's API cannot answer (metrics, logs, the PII canary) and
/// passes each request on to the dashboard the AppHost configured, so what a user reads there stays true.
/// </summary>
internal static class TelemetryRedirect
{
    private const string Endpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";
    private const string Protocol = "OTEL_EXPORTER_OTLP_PROTOCOL";
    private const string Headers = "OTEL_EXPORTER_OTLP_HEADERS";

    /// <summary>
    /// Added after the AppHost's own callbacks, so it sees the dashboard's address and key they set (resolved when the
    /// service starts, the dashboard's port is allocated by then) and replaces them.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithTelemetryThrough(this IResourceBuilder<ProjectResource> project, OtlpReceiver receiver, OtlpGrpcForwarder dashboard) =>
        project.WithEnvironment(async context =>
        {
            if (await ValueOfAsync(context, Endpoint) is not { } dashboardEndpoint)
            {
                throw new InvalidOperationException($"The AppHost gave {project.Resource.Name} no {Endpoint}: there is no dashboard to pass telemetry on to.");
            }

            dashboard.SetDestination(new Uri(dashboardEndpoint), await ValueOfAsync(context, Headers));
            context.EnvironmentVariables[Endpoint] = receiver.Endpoint.ToString();
            context.EnvironmentVariables[Protocol] = "http/protobuf";
            context.EnvironmentVariables.Remove(Headers);
        });

    private static async Task<string?> ValueOfAsync(EnvironmentCallbackContext context, string name) =>
        context.EnvironmentVariables.GetValueOrDefault(name) switch
        {
            string text => text,
            IValueProvider provider => await provider.GetValueAsync(context.CancellationToken),
            _ => null,
        };
}
