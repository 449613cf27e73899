using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;

namespace Alexandrite.ServiceDefaults.Security;

/// <summary>
/// Gives each call to another Alexandrite API a fresh access token for the signed-in user and their role, made for
/// that API alone (<paramref name="audience"/>), so each API decides for itself who may do what and records who did
/// it: Shop.Web calling the APIs for the person signed in, Crm.Api asking Mes.Api on behalf of support.
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
