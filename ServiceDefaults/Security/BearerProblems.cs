using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Alexandrite.ServiceDefaults.Http;

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
        return context.HttpContext.WriteProblemAsync("Sign in required", "This endpoint needs an access token for a signed-in user (Authorization: Bearer).");
    }

    public static Task ForbiddenAsync(ForbiddenContext context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return context.HttpContext.WriteProblemAsync("Not allowed", "The signed-in user does not have the role this endpoint needs.");
    }
}
