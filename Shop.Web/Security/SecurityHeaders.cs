using Microsoft.Net.Http.Headers;

namespace Alexandrite.Shop.Web.Security;

/// <summary>
/// Headers every Shop.Web response carries, so a browser limits what an injected script or a framing page could do:
/// a Content-Security-Policy that the shop's own assets satisfy (app.js and app.css from this origin, no inline
/// script or style, fetches and form posts to this origin only, never framed), no MIME sniffing, and no full URL
/// (order ids) sent to other sites. https://developer.mozilla.org/docs/Web/HTTP/Guides/CSP
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        await next(context);
    });
}
