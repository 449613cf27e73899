using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Alexandrite.ServiceDefaults.Security;

/// <summary>
/// JwtBearer's refusals answered like every other error of the APIs, as RFC 9457 problem details: 401 with a
/// bare "WWW-Authenticate: Bearer" when there is no valid token, 403 when the token's role is not the one the
/// endpoint needs.
/// </summary>
internal static class BearerProblems
{
    public static Task ChallengeAsync(JwtBearerChallengeContext context)
    {
        // Instead of JwtBearer's own answer, whose error_description would tell a caller why its token failed.
        context.HandleResponse();
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = JwtBearerDefaults.AuthenticationScheme;
        return WriteAsync(context.HttpContext, "Sign in required", "This endpoint needs an access token for a signed-in user (Authorization: Bearer).");
    }

    public static Task ForbiddenAsync(ForbiddenContext context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteAsync(context.HttpContext, "Not allowed", "The signed-in user does not have the role this endpoint needs.");
    }

    private static async Task WriteAsync(HttpContext context, string title, string detail) =>
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = context.Response.StatusCode, Title = title, Detail = detail },
        });
}
