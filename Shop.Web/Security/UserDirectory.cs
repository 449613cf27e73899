using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Alexandrite.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Alexandrite.Shop.Web.Security;

/// <summary>Checks a name and password against the configured users (<see cref="SignInOptions"/>).</summary>
internal sealed class UserDirectory(IOptions<SignInOptions> options)
{
    /// <summary>
    /// Whether a signed-in principal is still a configured user with the same role: a removed user or a changed
    /// role ends the session at the next request instead of when the cookie expires.
    /// </summary>
    public bool IsCurrent(ClaimsPrincipal principal) =>
        principal.Identity?.Name is { } name
        && options.Value.Users.TryGetValue(name, out var user)
        && principal.FindFirst(AccessTokens.RoleClaim)?.Value == user.Role;

    /// <summary>The user's principal for the sign-in cookie, or null when the name or the password is wrong.</summary>
    public ClaimsPrincipal? Verify(string? name, string? password)
    {
        if (string.IsNullOrEmpty(name) || password is null || !options.Value.Users.TryGetValue(name, out var user) || user.Password is null)
        {
            return null;
        }

        // Compared in constant time over fixed-length digests, so neither timing nor length tells a guesser anything.
        var matches = CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(password)), SHA256.HashData(Encoding.UTF8.GetBytes(user.Password)));
        if (!matches)
        {
            return null;
        }

        var identity = new ClaimsIdentity(
            [new Claim(AccessTokens.SubjectClaim, name), new Claim(AccessTokens.RoleClaim, user.Role!)],
            CookieAuthenticationDefaults.AuthenticationScheme,
            AccessTokens.SubjectClaim,
            AccessTokens.RoleClaim);
        return new ClaimsPrincipal(identity);
    }
}
