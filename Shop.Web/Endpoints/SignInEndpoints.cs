using System.Globalization;
using Alexandrite.Shop.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Alexandrite.Shop.Web.Endpoints;

/// <summary>
/// Signing in and out with the form on /signin; the session is a cookie (HttpOnly, SameSite=Lax). Failed sign-ins are
/// counted per account and per client address (<see cref="SignInThrottle"/>): past the limit, every sign-in for them
/// is answered 429 with Retry-After until the window ends.
/// </summary>
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
        HttpContext context, UserDirectory users, SignInThrottle throttle, [FromForm] string? name, [FromForm] string? password, [FromForm] string? returnUrl)
    {
        var target = returnUrl is { Length: > 0 } && Uri.IsWellFormedUriString(returnUrl, UriKind.Relative) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            ? returnUrl
            : "/";
        var attempt = throttle.AttemptOf(name, context.Connection.RemoteIpAddress);
        if (throttle.RetryAfter(attempt) is { } wait)
        {
            return TooManyFailures(context, wait);
        }

        if (users.Verify(name, password) is not { } user)
        {
            throttle.RecordFailure(attempt);
            return Results.LocalRedirect($"/signin?failed=true&returnUrl={Uri.EscapeDataString(target)}");
        }

        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, user);
        return Results.LocalRedirect(target);
    }

    /// <summary>
    /// 429 with Retry-After in whole seconds (rounded up, at least 1) and a problem saying how long to wait, through the
    /// problem details service like every other error answer. The same for every name, existing or not.
    /// </summary>
    private static ProblemHttpResult TooManyFailures(HttpContext context, TimeSpan wait)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            $"Too many failed sign-ins; try again in {seconds} {(seconds == 1 ? "second" : "seconds")}.",
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many failed sign-ins");
    }
}
