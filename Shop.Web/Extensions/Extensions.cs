using Alexandrite.Contracts;
using Alexandrite.ServiceDefaults.Security;
using Alexandrite.Shop.Web.Security;
using Alexandrite.Shop.Web.Services;
using Alexandrite.Shop.Web.Telemetry;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Alexandrite.Shop.Web.Extensions;

internal static class Extensions
{
    /// <summary>Everything Shop.Web needs beyond the service defaults.</summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();
        // Secure over https like the session cookie (ASP.NET Core leaves the antiforgery cookie unsecured); http still works for Development.
        builder.Services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        builder.AddSignIn();
        builder.AddBrowserTelemetry();

        // Each call is traced and carries traceparent, so the APIs' spans join the page's trace; addresses come from
        // service discovery, timeouts and retries from the service defaults' resilience handler.
        // Each API decides for itself who may do what: every call carries the signed-in user's access token.
        builder.Services.AddApiClient<ShopApiClient>(ResourceNames.ShopApi);
        builder.Services.AddApiClient<MesApiClient>(ResourceNames.MesApi);
        builder.Services.AddApiClient<CrmApiClient>(ResourceNames.CrmApi);

        // Order changes stream for as long as a page is open: the resilience handler's attempt and total timeouts
        // would cut every stream after seconds, and a retry would replay a subscription; the client bounds the wait
        // for the answer's headers instead (OrderChangesClient.HeadersTimeout).
        // RemoveAllResilienceHandlers is the package's documented way to take the defaults' handler off one client
        // (https://learn.microsoft.com/dotnet/core/resilience/http-resilience#remove-resilience-handlers), still marked
        // experimental.
#pragma warning disable EXTEXP0001
        builder.Services.AddApiClient<OrderChangesClient>(ResourceNames.ShopApi)
            .RemoveAllResilienceHandlers()
            .ConfigureHttpClient(client => client.Timeout = OrderChangesClient.HeadersTimeout);
#pragma warning restore EXTEXP0001
    }

    /// <summary>
    /// The page's spans (OpenTelemetry JS, Client/telemetry.js) relayed into Shop.Web's own pipeline: see
    /// BrowserSpanRelay, and BrowserTelemetryEndpoints for where the page sends them.
    /// </summary>
    private static void AddBrowserTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BrowserTelemetryOptions>()
            .Bind(builder.Configuration.GetSection(BrowserTelemetryOptions.SectionName))
            .Validate(options => options.IsValid(), $"{BrowserTelemetryOptions.SectionName}: every limit must be positive and reasonable.")
            .ValidateOnStart();
        builder.Services.AddSingleton<PostRoutes>();
        builder.Services.AddSingleton<BrowserSpanRelay>();
    }

    /// <summary>
    /// Users sign in with the form on /signin (configured users, see SignInOptions) and stay signed in by cookie; failed
    /// sign-ins are throttled per account and per client address (SignInThrottle, settings SignIn:Throttling).
    /// Access tokens are accepted too, for the Development-only /diagnostics the AppHost's commands call.
    /// </summary>
    private static void AddSignIn(this IHostApplicationBuilder builder)
    {
        builder.AddAccessTokens();
        builder.AddAccessTokenAuthentication(ResourceNames.ShopWeb);
        builder.Services.AddOptions<SignInOptions>()
            .Bind(builder.Configuration.GetSection(SignInOptions.SectionName))
            .Validate(options => options.IsValid(), $"Every SignIn:Users entry needs a Password and a Role ({string.Join(", ", Roles.All)}).")
            .ValidateOnStart();
        builder.Services.AddSingleton<UserDirectory>();
        builder.Services.AddOptions<SignInThrottleOptions>()
            .Bind(builder.Configuration.GetSection(SignInThrottleOptions.SectionName))
            .Validate(
                options => options.IsValid(),
                $"{SignInThrottleOptions.SectionName}: FailuresPerAccount and FailuresPerAddress must be at least 1, Window between 1 second and 1 day.")
            .ValidateOnStart();
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddHttpContextAccessor();

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/signin";
                options.AccessDeniedPath = "/forbidden";
                options.Cookie.Name = "alexandrite.session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.Events.OnValidatePrincipal = async context =>
                {
                    if (context.Principal is not { } principal || !context.HttpContext.RequestServices.GetRequiredService<UserDirectory>().IsCurrent(principal))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                    }
                };
            });
        builder.Services.AddCascadingAuthenticationState();
    }
}
