using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace Alexandrite.ServiceDefaults.Http;

/// <summary>
/// A request that failed because something the service depends on is unreachable or refusing work (the database
/// down or out of connections, a peer API timing out, a network error) is answered 503 with Retry-After, as problem
/// details: the caller may try again later, and nothing was written (each change commits in one transaction).
/// Every other exception stays a 500. https://www.rfc-editor.org/rfc/rfc9110#name-503-service-unavailable
/// </summary>
internal sealed class DependencyUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// <summary>Long enough for a restarted database or broker to come back, short enough for a person to wait.</summary>
    private const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsUnavailableDependency(exception))
        {
            return false;
        }

        httpContext.Response.Headers[HeaderNames.RetryAfter] = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryAnswerAsync(
            httpContext,
            exception,
            StatusCodes.Status503ServiceUnavailable,
            "Temporarily unavailable",
            $"A service this request needs does not answer right now. Nothing was changed; try again in {RetryAfterSeconds} seconds.");
    }

    /// <summary>
    /// The exception or one of its inner exceptions says a dependency is unreachable, overloaded or too slow: Npgsql
    /// failing below SQL (no connection, a timeout: under the AppHost a stopped database's proxied port accepts and
    /// then never answers) or PostgreSQL refusing for now (too many connections, starting up), a network error, a
    /// peer's timeout or open circuit, the object storage answering 5xx (SlowDown, InternalError: S3 asks callers to
    /// retry those, https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html). A SQL error the server
    /// reports about the statement itself, or the storage refusing the request (4xx), is a bug: 500.
    /// </summary>
    internal static bool IsUnavailableDependency(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is PostgresException { IsTransient: true }
                or (NpgsqlException and not PostgresException)
                or SocketException or TimeoutException or HttpRequestException or Polly.ExecutionRejectedException
                or Amazon.Runtime.AmazonServiceException { StatusCode: >= HttpStatusCode.InternalServerError })
            {
                return true;
            }
        }

        return false;
    }
}
