using Alexandrite.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Alexandrite.ServiceDefaults.Http;

/// <summary>
/// Turns the two refusals every order endpoint can meet into RFC 9457 problem details: an unknown order
/// (404) and a status change the lifecycle does not allow (409). They are the caller's problem, so the
/// server span stays unset rather than Error, and nothing was written.
/// </summary>
public sealed class OrderProblemsFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(context);
        }
        catch (OrderNotFoundException exception)
        {
            return TypedResults.Problem(exception.Message, statusCode: StatusCodes.Status404NotFound, title: "Order not found");
        }
        catch (IllegalTransitionException exception)
        {
            return TypedResults.Problem(
                exception.Message,
                statusCode: StatusCodes.Status409Conflict,
                title: "Illegal status change",
                extensions: new Dictionary<string, object?>
                {
                    ["currentStatus"] = exception.From.ToName(),
                    ["requestedStatus"] = exception.To.ToName(),
                });
        }
    }
}

public static class OrderProblemsFilterExtensions
{
    public static TBuilder WithOrderProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, OrderProblemsFilter>();
}
