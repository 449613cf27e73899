using Microsoft.AspNetCore.Http;

namespace Alexandrite.ServiceDefaults.Http;

/// <summary>The one way the exception answers write their problem: the status, then the body through ASP.NET Core's problem details service.</summary>
internal static class ProblemAnswers
{
    /// <summary>Answers <paramref name="status"/> with a problem for <paramref name="exception"/>; false when no writer takes it.</summary>
    public static ValueTask<bool> TryAnswerAsync(
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
}
