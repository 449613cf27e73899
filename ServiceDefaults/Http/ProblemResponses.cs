using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Alexandrite.ServiceDefaults.Http;

/// <summary>
/// A refusal written outside an endpoint (an authentication handler's challenge, JwtBearer's events) as RFC 9457
/// problem details, like every other error answer of the services.
/// </summary>
public static class ProblemResponses
{
    /// <summary>Writes a problem with the response's status code, which the caller has set.</summary>
    public static async Task WriteProblemAsync(this HttpContext context, string title, string detail) =>
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = context.Response.StatusCode, Title = title, Detail = detail },
        });
}
