using Alexandrite.Contracts;

namespace Alexandrite.AppHost;

/// <summary>
/// Dashboard commands for a demo and for support. Most call one of the service's Development-only /diagnostics
/// endpoints (ServiceDefaults' MapDiagnostics), which are for staff; the redrive calls support's API. Each command
/// carries an access token for the support role
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
        project.WithServiceCommand(signingKey,
            "failure-trace", "Produce an error trace", "Bug", HttpMethod.Get, "/diagnostics/failure",
            "Calls /diagnostics/failure, which fails on purpose, to show an error trace in the dashboard and in Jaeger.",
            status => status >= 500);

    /// <summary>
    /// POST /diagnostics/demo-order on Shop.Api: creates, uploads (a 10 mm gold cube) and submits an order, which
    /// then waits for the manager's approval in Shop.Web's back office.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDemoOrderCommand(this IResourceBuilder<ProjectResource> project, IResourceBuilder<ParameterResource> signingKey) =>
        project.WithServiceCommand(signingKey,
            "demo-order", "Create a demo order", "Add", HttpMethod.Post, "/diagnostics/demo-order",
            "Creates, uploads and submits an order (a 10 mm gold cube); it waits for the manager in Shop.Web's back office.",
            status => status is >= 200 and < 300);

    /// <summary>
    /// Pause and resume a consuming service's RabbitMQ consumer (POST /diagnostics/consumer/pause, /resume), so
    /// orders visibly get stuck while the service stays up.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithConsumerSwitchCommands(this IResourceBuilder<ProjectResource> project, IResourceBuilder<ParameterResource> signingKey) =>
        project
            .WithServiceCommand(signingKey,
                "pause-consumer", "Stop taking orders", "Pause", HttpMethod.Post, "/diagnostics/consumer/pause",
                "Stops consuming the service's queue: new orders wait there and the watchdog reports them stuck.",
                status => status is >= 200 and < 300)
            .WithServiceCommand(signingKey,
                "resume-consumer", "Take orders again", "Play", HttpMethod.Post, "/diagnostics/consumer/resume",
                "Consumes the service's queue again: the waiting orders move on.",
                status => status is >= 200 and < 300);

    /// <summary>
    /// POST /api/dead-letters/redrive on Crm.Api, support's API for every dead-letter queue: sends every dead letter
    /// back to the queue it came from, recorded in each order's journey as done by the dashboard.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithRedriveCommand(this IResourceBuilder<ProjectResource> project, IResourceBuilder<ParameterResource> signingKey) =>
        project.WithServiceCommand(signingKey,
            "redrive-dead-letters", "Redrive dead letters", "ArrowRepeatAll", HttpMethod.Post, "/api/dead-letters/redrive",
            "Sends every message in a dead-letter queue back to the queue it came from (once the cause is fixed).",
            status => status is >= 200 and < 300);

    private static IResourceBuilder<ProjectResource> WithServiceCommand(
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
                    : CommandResults.Failure($"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(context.CancellationToken)}");
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
