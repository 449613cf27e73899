using Alexandrite.Shop.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace Alexandrite.Shop.Web.Endpoints;

/// <summary>Signing in and out with the form on /signin; the session is a cookie (HttpOnly, SameSite=Lax).</summary>
internal static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapSignInEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/signin", SignInAsync);
        app.MapPost("/signout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/");
        }).AddEndpointFilter<AntiforgeryFilter>();
        return app;
    }

    private static async Task<IResult> SignInAsync(
        HttpContext context, UserDirectory users, [FromForm] string? name, [FromForm] string? password, [FromForm] string? returnUrl)
    {
        var target = returnUrl is { Length: > 0 } && Uri.IsWellFormedUriString(returnUrl, UriKind.Relative) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            ? returnUrl
            : "/";
        if (users.Verify(name, password) is not { } user)
        {
            return Results.LocalRedirect($"/signin?failed=true&returnUrl={Uri.EscapeDataString(target)}");
        }

        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, user);
        return Results.LocalRedirect(target);
    }
}
