using Alexandrite.Contracts;
using Alexandrite.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Roles for the back office (docs/adr/0010-roles-and-access-tokens.md): one policy per role, named after it.
/// </summary>
public static class SecurityExtensions
{
    /// <summary>Issuing access tokens (<see cref="AccessTokens"/>), for Shop.Web and the AppHost.</summary>
    public static TBuilder AddAccessTokens<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddAccessTokenOptions();
        builder.Services.AddSingleton<AccessTokens>();
        return builder;
    }

    /// <summary>
    /// An API whose endpoints require a role carried by a bearer access token (RequireAuthorization with a policy
    /// from <see cref="Roles"/>), accepting only tokens made for <paramref name="audience"/>, its resource name.
    /// </summary>
    public static TBuilder AddBackOfficeAuthentication<TBuilder>(this TBuilder builder, string audience) where TBuilder : IHostApplicationBuilder
    {
        builder.AddAccessTokenOptions();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AccessTokenOptions>, TimeProvider>((options, settings, time) =>
                AccessTokenValidation.Apply(options, settings.Value, time, audience));
        builder.Services.AddRolePolicies();
        return builder;
    }

    private static void AddAccessTokenOptions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccessTokenOptions>()
            .Bind(builder.Configuration.GetSection(AccessTokenOptions.SectionName))
            .Validate(options => options.IsValid(), $"Auth:SigningKey must be set and at least {AccessTokenOptions.MinimumKeyLength} characters long; Auth:Lifetime must be positive.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
    }

    /// <summary>One authorization policy per role, named after it, and <see cref="Roles.Staff"/> for the back office.</summary>
    public static IServiceCollection AddRolePolicies(this IServiceCollection services)
    {
        var authorization = services.AddAuthorizationBuilder();
        foreach (var role in Roles.All)
        {
            authorization.AddPolicy(role, policy => policy.RequireRole(role));
        }

        authorization.AddPolicy(Roles.Staff, policy => policy.RequireRole(Roles.Operator, Roles.Manager));
        return services;
    }

    /// <summary>The signed-in user's name (the token's subject): the actor recorded with the change.</summary>
    public static string UserName(this System.Security.Claims.ClaimsPrincipal user) =>
        user.Identity?.Name ?? throw new InvalidOperationException("The endpoint requires a signed-in user.");
}
