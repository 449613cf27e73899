using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Alexandrite.ServiceDefaults.Http;

/// <summary>
/// A request ASP.NET Core could not read (a body that is not the JSON the endpoint takes, a form over its limit) is
/// the caller's error: its status (400, 413...) with what could not be read, as a problem. In Development minimal
/// APIs throw these instead of answering 400 themselves (RouteHandlerOptions.ThrowOnBadRequest), so without this
/// they would become 500s there.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        return await problems.TryAnswerAsync(httpContext, exception, badRequest.StatusCode, "The request could not be read", badRequest.Message);
    }
}
