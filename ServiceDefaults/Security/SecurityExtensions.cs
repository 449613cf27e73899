using Alexandrite.Contracts;
using Alexandrite.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Access tokens and roles (docs/adr/0010-roles-and-access-tokens.md, docs/adr/0011-who-sees-what.md): one policy
/// per role, named after it.
/// </summary>
public static class SecurityExtensions
{
    /// <summary>
    /// Issuing access tokens (<see cref="AccessTokens"/>): Shop.Web for the signed-in user, Crm.Api when it asks Mes.Api
    /// on behalf of the staff member reading a journey, the AppHost for its dashboard commands.
    /// </summary>
    public static TBuilder AddAccessTokens<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddAccessTokenOptions();
        builder.Services.AddSingleton<AccessTokens>();
        return builder;
    }

    /// <summary>
    /// Accepts bearer access tokens made for <paramref name="audience"/>, the service's resource name, and adds the
    /// role policies (RequireAuthorization with a policy from <see cref="Roles"/>). In the APIs it is the only
    /// scheme, so the default one; Shop.Web signs people in by cookie and uses it for /diagnostics alone.
    /// </summary>
    public static TBuilder AddAccessTokenAuthentication<TBuilder>(this TBuilder builder, string audience) where TBuilder : IHostApplicationBuilder
    {
        builder.AddAccessTokenOptions();
        builder.Services.AddAuthentication().AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AccessTokenOptions>, TimeProvider>((options, settings, time) =>
                AccessTokenValidation.Apply(options, settings.Value, time, audience));
        builder.Services.AddRolePolicies();
        return builder;
    }

    private static void AddAccessTokenOptions(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(service => service.ServiceType == typeof(IValidateOptions<AccessTokenOptions>)))
        {
            return; // Shop.Web both issues and accepts tokens: one binding, one validation.
        }

        builder.Services.AddOptions<AccessTokenOptions>()
            .Bind(builder.Configuration.GetSection(AccessTokenOptions.SectionName))
            .Validate(options => options.IsValid(), $"Auth:SigningKey must be set and at least {AccessTokenOptions.MinimumKeyLength} characters long; Auth:Lifetime must be positive.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
    }

    /// <summary>
    /// One authorization policy per role, named after it; <see cref="Roles.Staff"/> for the back office; and
    /// <see cref="Roles.Diagnostics"/>, staff with a bearer token, whatever the service's default scheme.
    /// </summary>
    private static void AddRolePolicies(this IServiceCollection services)
    {
        var authorization = services.AddAuthorizationBuilder();
        foreach (var role in Roles.All)
        {
            authorization.AddPolicy(role, policy => policy.RequireRole(role));
        }

        authorization.AddPolicy(Roles.Staff, policy => policy.RequireRole(Roles.StaffRoles));
        authorization.AddPolicy(Roles.Diagnostics, policy => policy
            .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
            .RequireRole(Roles.StaffRoles));
    }

    /// <summary>
    /// A typed client of another Alexandrite API (<paramref name="api"/>, its resource name): its https endpoint if
    /// it has one, else its http one (service discovery), and on every call the signed-in user's access token for it.
    /// Traced, with timeouts and retries from the service defaults' resilience handler.
    /// </summary>
    public static IHttpClientBuilder AddApiClient<TClient>(this IServiceCollection services, string api) where TClient : class
    {
        services.AddHttpContextAccessor();
        return services.AddHttpClient<TClient>(client => client.BaseAddress = new Uri($"https+http://{api}"))
            .AddHttpMessageHandler(provider => new AccessTokenForwarder(
                provider.GetRequiredService<IHttpContextAccessor>(), provider.GetRequiredService<AccessTokens>(), api));
    }

    /// <summary>The signed-in user's name (the token's subject): the actor recorded with the change.</summary>
    public static string UserName(this System.Security.Claims.ClaimsPrincipal user) =>
        user.Identity?.Name ?? throw new InvalidOperationException("The endpoint requires a signed-in user.");
}
