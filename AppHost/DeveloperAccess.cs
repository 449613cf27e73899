using Alexandrite.AppHost.Infrastructure;
using Alexandrite.Contracts;
using Alexandrite.ServiceDefaults.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alexandrite.AppHost;

/// <summary>A user Shop.Web signs in (<see cref="SignInUsers"/>); the password is a secret parameter "&lt;name&gt;-password".</summary>
internal sealed record SignInAccount(string Name, string Role, IResourceBuilder<ParameterResource> Password);

/// <summary>
/// The secrets of the shop's sign-in and the access tokens, and what a developer needs to use them: once Shop.Web is
/// healthy, the AppHost prints (in Development only) where to sign in, the users, and an access token per role for
/// the .http files of Mes.Api and Crm.Api (made with the same signing key and code as Shop.Web's tokens).
/// </summary>
internal static partial class DeveloperAccess
{
    private static readonly TimeSpan DeveloperTokenLifetime = TimeSpan.FromHours(12);

    /// <summary>
    /// The users of <see cref="SignInUsers.All"/>. Their passwords are generated on the first run and kept in the
    /// AppHost's user secrets, unless configuration names them (Parameters:&lt;name&gt;-password):
    /// appsettings.Development.json gives the documented development passwords.
    /// </summary>
    public static IReadOnlyList<SignInAccount> AddSignInUsers(this IDistributedApplicationBuilder builder) =>
        SignInUsers.All.Select(user => new SignInAccount(user.Name, user.Role, builder.AddSecret($"{user.Name}-password", minLength: 16))).ToList();

    /// <summary>A secret parameter, generated once (letters and digits) and kept in user secrets.</summary>
    public static IResourceBuilder<ParameterResource> AddSecret(this IDistributedApplicationBuilder builder, string name, int minLength) =>
        builder.AddParameter(name, new GenerateParameterDefault { MinLength = minLength, Special = false }, secret: true, persist: true);

    public static IResourceBuilder<ProjectResource> WithDeveloperSummary(
        this IResourceBuilder<ProjectResource> shopWeb,
        AlexandriteInfrastructure infrastructure,
        IReadOnlyList<SignInAccount> users,
        IResourceBuilder<ParameterResource> signingKey)
    {
        if (!shopWeb.ApplicationBuilder.Environment.IsDevelopment())
        {
            return shopWeb;
        }

        shopWeb.ApplicationBuilder.Eventing.Subscribe<ResourceReadyEvent>(shopWeb.Resource, (@event, eventCancellation) =>
        {
            // Said once every service is healthy, not only Shop.Web (which starts with the APIs, not after them);
            // waited for apart from the event, which must not hold up the orchestrator.
            var stopping = @event.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            _ = SummarizeWhenHealthyAsync(@event.Services, stopping);
            return Task.CompletedTask;
        });

        async Task SummarizeWhenHealthyAsync(IServiceProvider services, CancellationToken ct)
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DeveloperAccess).FullName!);
            var notifications = services.GetRequiredService<ResourceNotificationService>();
            var projects = services.GetRequiredService<DistributedApplicationModel>().GetProjectResources();
            try
            {
                await Task.WhenAll(projects.Select(project => notifications.WaitForResourceHealthyAsync(project.Name, ct)));
            }
            catch (OperationCanceledException)
            {
                return; // Stopped before everything was up.
            }

            var tokens = await signingKey.AccessTokensAsync(DeveloperTokenLifetime, ct);
            var lines = new List<string>
            {
                $"Alexandrite is up. Infrastructure: {infrastructure.Mode.Describe()}.",
                $"  Shop.Web   {shopWeb.GetEndpoint("http").Url}",
            };
            foreach (var user in users)
            {
                lines.Add($"  Sign in    {user.Name} / {await user.Password.Resource.GetValueAsync(ct)}");
            }

            lines.Add($"  Tokens     for the .http files, valid {DeveloperTokenLifetime.TotalHours} h (Authorization: Bearer ...), each for one API:");
            foreach (var user in users)
            {
                foreach (var api in ApisOf(user.Role))
                {
                    lines.Add($"    {user.Name,-9} ({api}) {tokens.Create(user.Name, user.Role, api)}");
                }
            }

            var summary = string.Join(Environment.NewLine, lines);
            LogSummary(logger, summary);
        }

        return shopWeb;
    }

    /// <summary>The APIs each role's work calls (docs/adr/0011-who-sees-what.md).</summary>
    private static string[] ApisOf(string role) => role switch
    {
        Roles.Customer => [ResourceNames.ShopApi, ResourceNames.CrmApi],
        Roles.Operator => [ResourceNames.MesApi],
        Roles.Support => [ResourceNames.CrmApi, ResourceNames.ShopApi],
        _ => [ResourceNames.CrmApi],
    };

    /// <summary>Access tokens signed with the AppHost's key, as Shop.Web's are: for developers and the dashboard's commands.</summary>
    public static async Task<AccessTokens> AccessTokensAsync(this IResourceBuilder<ParameterResource> signingKey, TimeSpan lifetime, CancellationToken cancellationToken) =>
        new(Options.Create(new AccessTokenOptions { SigningKey = await signingKey.Resource.GetValueAsync(cancellationToken), Lifetime = lifetime }), TimeProvider.System);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Summary}")]
    private static partial void LogSummary(ILogger logger, string summary);
}
