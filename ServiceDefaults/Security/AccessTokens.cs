using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Alexandrite.ServiceDefaults.Security;

/// <summary>
/// Short-lived JWTs (RFC 7519) naming a user and one role. Shop.Web issues one for each call it makes on a
/// signed-in user's behalf; the back-office APIs validate it. Signing and validation live here, once.
/// </summary>
public sealed class AccessTokens(IOptions<AccessTokenOptions> options, TimeProvider time)
{
    public const string SubjectClaim = "sub";
    public const string RoleClaim = "role";

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    /// <param name="audience">The API the token is for: its resource name (mes-api, crm-api).</param>
    public string Create(string subject, string role, string audience)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        ArgumentException.ThrowIfNullOrWhiteSpace(audience);
        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + settings.Lifetime,
            Claims = new Dictionary<string, object> { [SubjectClaim] = subject, [RoleClaim] = role },
            SigningCredentials = new SigningCredentials(Key(settings), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>The token's identity, or null when it is malformed, expired, not ours or tampered with.</summary>
    public async Task<ClaimsIdentity?> ValidateAsync(string token)
    {
        var settings = options.Value;
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Audience ?? throw new InvalidOperationException("This service accepts no access tokens: AddBackOfficeAuthentication names its audience."),
            IssuerSigningKey = Key(settings),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            NameClaimType = SubjectClaim,
            RoleClaimType = RoleClaim,
            ClockSkew = TimeSpan.FromSeconds(30),
            LifetimeValidator = (notBefore, expires, _, parameters) =>
                expires is { } end && time.GetUtcNow().UtcDateTime < end + parameters.ClockSkew
                && (notBefore is not { } start || start - parameters.ClockSkew <= time.GetUtcNow().UtcDateTime),
        });
        return result.IsValid ? result.ClaimsIdentity : null;
    }

    private static SymmetricSecurityKey Key(AccessTokenOptions settings) =>
        new(Encoding.UTF8.GetBytes(settings.SigningKey ?? throw new InvalidOperationException("Auth:SigningKey is not set.")));
}
