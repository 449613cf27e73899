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
public sealed class AccessTokens
{
    public const string SubjectClaim = "sub";
    public const string RoleClaim = "role";

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly AccessTokenOptions _settings;
    private readonly TimeProvider _time;

    // The options do not change while the service runs: the key and the validation rules are built once, not per request.
    private readonly Lazy<SigningCredentials> _signing;
    private readonly Lazy<TokenValidationParameters> _validation;

    public AccessTokens(IOptions<AccessTokenOptions> options, TimeProvider time)
    {
        _settings = options.Value;
        _time = time;
        var key = new Lazy<SymmetricSecurityKey>(() =>
            new(Encoding.UTF8.GetBytes(_settings.SigningKey ?? throw new InvalidOperationException("Auth:SigningKey is not set."))));
        _signing = new(() => new SigningCredentials(key.Value, SecurityAlgorithms.HmacSha256));
        _validation = new(() => new TokenValidationParameters
        {
            ValidIssuer = _settings.Issuer,
            ValidAudience = _settings.Audience ?? throw new InvalidOperationException("This service accepts no access tokens: AddBackOfficeAuthentication names its audience."),
            IssuerSigningKey = key.Value,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            NameClaimType = SubjectClaim,
            RoleClaimType = RoleClaim,
            ClockSkew = TimeSpan.FromSeconds(30),
            LifetimeValidator = (notBefore, expires, _, parameters) =>
                expires is { } end && _time.GetUtcNow().UtcDateTime < end + parameters.ClockSkew
                && (notBefore is not { } start || start - parameters.ClockSkew <= _time.GetUtcNow().UtcDateTime),
        });
    }

    /// <param name="audience">The API the token is for: its resource name (mes-api, crm-api).</param>
    public string Create(string subject, string role, string audience)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        ArgumentException.ThrowIfNullOrWhiteSpace(audience);
        var now = _time.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _settings.Issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + _settings.Lifetime,
            Claims = new Dictionary<string, object> { [SubjectClaim] = subject, [RoleClaim] = role },
            SigningCredentials = _signing.Value,
        });
    }

    /// <summary>The token's identity, or null when it is malformed, expired, not ours or tampered with.</summary>
    public async Task<ClaimsIdentity?> ValidateAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, _validation.Value);
        return result.IsValid ? result.ClaimsIdentity : null;
    }
}
