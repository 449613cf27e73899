using System.Net.Http.Headers;
using Alexandrite.ServiceDefaults.Security;

namespace Alexandrite.Shop.Web.Security;

/// <summary>
/// Gives each call to a back-office API a fresh access token for the signed-in user and their role, made for
/// that API alone (<paramref name="audience"/>), so Mes.Api and Crm.Api decide for themselves who may do what and
/// record who did it.
/// </summary>
internal sealed class AccessTokenForwarder(IHttpContextAccessor context, AccessTokens tokens, string audience) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var user = context.HttpContext?.User;
        if (user?.Identity is { IsAuthenticated: true, Name: { } name } && user.FindFirst(AccessTokens.RoleClaim)?.Value is { } role)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Create(name, role, audience));
        }

        return base.SendAsync(request, cancellationToken);
    }
}
