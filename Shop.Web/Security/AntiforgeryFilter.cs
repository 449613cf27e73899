using Microsoft.AspNetCore.Antiforgery;

namespace Alexandrite.Shop.Web.Security;

/// <summary>
/// Refuses a button press that does not carry the page's antiforgery token (form field, or the
/// RequestVerificationToken header the page's script sends). ASP.NET Core enforces the token by itself only on
/// endpoints that bind form data; Shop.Web's buttons mostly carry nothing else, so they are checked here.
/// </summary>
internal sealed class AntiforgeryFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!await antiforgery.IsRequestValidAsync(context.HttpContext))
        {
            return TypedResults.Problem(
                "This page has expired or did not come from the shop. Reload the page and try again.",
                statusCode: StatusCodes.Status400BadRequest,
                title: "Please reload the page");
        }

        return await next(context);
    }
}
