using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Alexandrite.Contracts;
using Alexandrite.ServiceDefaults.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Alexandrite.Crm.Api.Alerts;

/// <summary>
/// The one caller of the inbox's webhook: Alertmanager, with HTTP Basic credentials (RFC 7617), which is what its
/// webhook_config's http_config sends (https://prometheus.io/docs/alerting/latest/configuration/#http_config).
/// ASP.NET Core has no Basic handler of its own, and this one is a comparison of one shared secret: a package for
/// it would add more than it saves. The endpoint's policy names this scheme alone, so no user's access token
/// opens it, and the services' bearer scheme never reads a Basic header.
/// </summary>
internal sealed class AlertmanagerAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptions<AlertInboxOptions> inbox)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Alertmanager";

    /// <summary>The authorization policy of the webhook: authenticated by this scheme.</summary>
    public const string Policy = "alertmanager";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        return Task.FromResult(Credentials(header.Parameter) is var (user, password) && IsAlertmanager(user, password)
            ? AuthenticateResult.Success(new AuthenticationTicket(
                new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, AlertInboxContract.UserName)], SchemeName)), SchemeName))
            : AuthenticateResult.Fail("Wrong Alertmanager credentials."));
    }

    /// <summary>401 with "WWW-Authenticate: Basic" and a problem that does not say what was wrong.</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"alexandrite-alert-inbox\", charset=\"UTF-8\"";
        return Context.WriteProblemAsync("Alertmanager credentials required", "Only the system's Alertmanager posts alerts here (HTTP Basic).");
    }

    private static (string User, string Password)? Credentials(string? parameter)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter ?? ""));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : (decoded[..colon], decoded[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Compared as hashes in constant time: neither the secret's length nor its prefix leaks through timing.</summary>
    private bool IsAlertmanager(string user, string password)
    {
        var secret = inbox.Value.Secret ?? throw new InvalidOperationException("AlertInbox:Secret is not set.");
        var rightSecret = CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(password)), SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
        return rightSecret && string.Equals(user, AlertInboxContract.UserName, StringComparison.Ordinal);
    }
}
