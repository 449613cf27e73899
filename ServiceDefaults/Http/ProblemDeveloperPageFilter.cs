using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Alexandrite.ServiceDefaults.Http;

/// <summary>
/// In Development ASP.NET Core puts its developer exception page in front of every pipeline, and that page answers
/// with the exception's stack trace, source paths and the request's headers (Authorization and Cookie included),
/// before the service defaults' exception handler ever sees the exception. This filter answers instead, as the
/// exception handler does in every other environment: the registered exception handlers first (a 503 for an
/// unreachable dependency), else a plain 500 problem. The exception itself is logged and traced as before.
/// </summary>
internal sealed class ProblemDeveloperPageFilter(IEnumerable<IExceptionHandler> handlers, IProblemDetailsService problems) : IDeveloperPageExceptionFilter
{
    public async Task HandleExceptionAsync(ErrorContext errorContext, Func<ErrorContext, Task> next)
    {
        var context = errorContext.HttpContext;
        foreach (var handler in handlers)
        {
            if (await handler.TryHandleAsync(context, errorContext.Exception, context.RequestAborted))
            {
                return;
            }
        }

        await problems.TryAnswerAsync(context, errorContext.Exception, StatusCodes.Status500InternalServerError);
    }
}
