using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Alexandrite.ServiceDefaults.Security;

/// <summary>
/// Configuration section "Auth": the key Shop.Web signs access tokens with and Mes.Api and Crm.Api check them
/// with. The AppHost passes it as a secret parameter (auth-signing-key), generated on the first run.
/// </summary>
public sealed class AccessTokenOptions
{
    public const string SectionName = "Auth";

    /// <summary>HMAC-SHA256 key, at least 32 characters (256 bits, RFC 7518 section 3.2).</summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "alexandrite-shop-web";

    /// <summary>How long a token is accepted: one user action, so minutes, not a session.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(5);

    public const int MinimumKeyLength = 32;

    public bool IsValid() => SigningKey is { Length: >= MinimumKeyLength } && Lifetime > TimeSpan.Zero;

    /// <summary>The one key both sides use: issuing (<see cref="AccessTokens"/>) and checking (<see cref="AccessTokenValidation"/>).</summary>
    internal SymmetricSecurityKey CreateSigningKey() =>
        new(Encoding.UTF8.GetBytes(SigningKey ?? throw new InvalidOperationException("Auth:SigningKey is not set.")));
}
