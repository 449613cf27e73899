using Alexandrite.Contracts;

namespace Alexandrite.AppHost;

/// <summary>
/// Dashboard commands for a demo. Each calls one of the service's Development-only /diagnostics endpoints
/// (ServiceDefaults' MapDiagnostics), which are for staff: the command carries an access token for the support role
/// in the name of <see cref="CommandUser"/>, made with the AppHost's signing key, and the service logs that name.
/// </summary>
internal static class DiagnosticsCommands
{
    /// <summary>Who the services see calling when a dashboard command runs.</summary>
    public const string CommandUser = "aspire-dashboard";

    private static readonly TimeSpan CommandTokenLifetime = TimeSpan.FromMinutes(1);

    /// <summary>
    /// GET /diagnostics/failure, a deliberate failure, so a developer sees what an error trace looks like in the
    /// dashboard and in Jaeger.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithFailureTraceCommand(this IResourceBuilder<ProjectResource> project, IResourceBuilder<ParameterResource> signingKey) =>
        project.WithDiagnosticsCommand(signingKey,
            "failure-trace", "Produce an error trace", "Bug", HttpMethod.Get, "/diagnostics/failure",
            "Calls /diagnostics/failure, which fails on purpose, to show an error trace in the dashboard and in Jaeger.",
            status => status >= 500);

    /// <summary>
    /// POST /diagnostics/demo-order on Shop.Api: creates, uploads (a 10 mm gold cube) and submits an order, which
    /// then waits for the manager's approval in Shop.Web's back office.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDemoOrderCommand(this IResourceBuilder<ProjectResource> project, IResourceBuilder<ParameterResource> signingKey) =>
        project.WithDiagnosticsCommand(signingKey,
            "demo-order", "Create a demo order", "Add", HttpMethod.Post, "/diagnostics/demo-order",
            "Creates, uploads and submits an order (a 10 mm gold cube); it waits for the manager in Shop.Web's back office.",
            status => status is >= 200 and < 300);

    /// <summary>
    /// Pause and resume a consuming service's RabbitMQ consumer (POST /diagnostics/consumer/pause, /resume), so
    /// orders visibly get stuck while the service stays up.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithConsumerSwitchCommands(this IResourceBuilder<ProjectResource> project, IResourceBuilder<ParameterResource> signingKey) =>
        project
            .WithDiagnosticsCommand(signingKey,
                "pause-consumer", "Stop taking orders", "Pause", HttpMethod.Post, "/diagnostics/consumer/pause",
                "Stops consuming the service's queue: new orders wait there and the watchdog reports them stuck.",
                status => status is >= 200 and < 300)
            .WithDiagnosticsCommand(signingKey,
                "resume-consumer", "Take orders again", "Play", HttpMethod.Post, "/diagnostics/consumer/resume",
                "Consumes the service's queue again: the waiting orders move on.",
                status => status is >= 200 and < 300);

    private static IResourceBuilder<ProjectResource> WithDiagnosticsCommand(
        this IResourceBuilder<ProjectResource> project,
        IResourceBuilder<ParameterResource> signingKey,
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
                var tokens = await signingKey.AccessTokensAsync(CommandTokenLifetime, context.CancellationToken);
                using var request = new HttpRequestMessage(method, new Uri(new Uri(endpoint.Url), path));
                request.Headers.Authorization = new("Bearer", tokens.Create(CommandUser, Roles.Support, project.Resource.Name));
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
