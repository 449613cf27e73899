using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Alexandrite.ServiceDefaults.Security;

/// <summary>
/// Short-lived JWTs (RFC 7519) naming a user and one role. Shop.Web issues one for each call it makes on a
/// signed-in user's behalf; the back-office APIs check them with JwtBearer (<see cref="AccessTokenValidation"/>).
/// </summary>
public sealed class AccessTokens
{
    public const string SubjectClaim = "sub";
    public const string RoleClaim = "role";

    private readonly JsonWebTokenHandler _handler = new();
    private readonly AccessTokenOptions _settings;
    private readonly TimeProvider _time;

    // The options do not change while the service runs: the key is built once, not per token.
    private readonly Lazy<SigningCredentials> _signing;

    public AccessTokens(IOptions<AccessTokenOptions> options, TimeProvider time)
    {
        _settings = options.Value;
        _time = time;
        _signing = new(() => new SigningCredentials(_settings.CreateSigningKey(), SecurityAlgorithms.HmacSha256));
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
}
