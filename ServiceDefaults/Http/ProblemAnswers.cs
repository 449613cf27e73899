using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Alexandrite.ServiceDefaults.Http;

/// <summary>
/// The one way an answer outside an endpoint writes its RFC 9457 problem, like every other error answer of the
/// services: the status, then the body through ASP.NET Core's problem details service. The exception handlers answer
/// an exception; authentication handlers (JwtBearer's events, the alert inbox's Basic scheme) answer a refusal.
/// </summary>
public static class ProblemAnswers
{
    /// <summary>Answers <paramref name="status"/> with a problem for <paramref name="exception"/>; false when no writer takes it.</summary>
    internal static ValueTask<bool> TryAnswerAsync(
        this IProblemDetailsService problems, HttpContext httpContext, Exception exception, int status, string? title = null, string? detail = null)
    {
        httpContext.Response.StatusCode = status;
        return problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>Writes a problem with the response's status code, which the caller has set (a refusal, not an exception).</summary>
    public static async Task WriteProblemAsync(this HttpContext context, string title, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = context.Response.StatusCode, Title = title, Detail = detail },
        };

        // A caller that accepts no JSON (a browser's EventSource asks for text/event-stream alone) still gets the problem,
        // as TypedResults.Problem answers it, rather than the service's exception for an answer no writer takes (a 500).
        if (!await context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(problem))
        {
            await context.Response.WriteAsJsonAsync(problem.ProblemDetails, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
        }
    }
}
