using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Alexandrite.ServiceDefaults.Security;

/// <summary>
/// What a back-office API accepts as "Authorization: Bearer &lt;token&gt;" (RFC 6750): a token from
/// <see cref="AccessTokens"/>, that is our issuer, this API as audience, HS256 with Auth:SigningKey, not expired.
/// </summary>
internal static class AccessTokenValidation
{
    /// <summary>Tokens live minutes; 30 seconds covers clocks that drift between Shop.Web and the APIs.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <param name="audience">This API's resource name: a token Shop.Web made for another API is refused.</param>
    public static void Apply(JwtBearerOptions options, AccessTokenOptions settings, TimeProvider time, string audience)
    {
        // Keep "sub" and "role" as they are: the policies and UserName() read them by those names.
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = audience,
            IssuerSigningKey = settings.CreateSigningKey(),
            // Pinned: neither "none" nor another HMAC size is accepted, even with the right key.
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            NameClaimType = AccessTokens.SubjectClaim,
            RoleClaimType = AccessTokens.RoleClaim,
            ClockSkew = ClockSkew,
            // The service's TimeProvider, not the wall clock, so that a test can move time; a token must expire.
            LifetimeValidator = (notBefore, expires, _, parameters) =>
                expires is { } end && time.GetUtcNow().UtcDateTime < end + parameters.ClockSkew
                && (notBefore is not { } start || start - parameters.ClockSkew <= time.GetUtcNow().UtcDateTime),
        };
        options.Events = new JwtBearerEvents
        {
            OnChallenge = BearerProblems.ChallengeAsync,
            OnForbidden = BearerProblems.ForbiddenAsync,
        };
    }
}
