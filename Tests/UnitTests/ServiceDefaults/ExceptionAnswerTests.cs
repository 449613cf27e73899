using System.Net;
using System.Text.Json;
using Alexandrite.Testing.Otlp;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Alexandrite.UnitTests.ServiceDefaults;

/// <summary>
/// A failure is answered by what the caller can do about it, as a problem, in Development too: a body that cannot be
/// read is a 400, a dependency that cannot be reached a 503 with Retry-After, a bug a 500.
/// </summary>
[Collection(ServiceDefaultsHostCollection.Name)]
public sealed class ExceptionAnswerTests
{
    [Theory]
    [InlineData("database-timeout", HttpStatusCode.ServiceUnavailable)]
    [InlineData("too-many-connections", HttpStatusCode.ServiceUnavailable)]
    [InlineData("peer-unreachable", HttpStatusCode.ServiceUnavailable)]
    [InlineData("storage-slow-down", HttpStatusCode.ServiceUnavailable)]
    [InlineData("storage-internal-error", HttpStatusCode.ServiceUnavailable)]
    [InlineData("sql-bug", HttpStatusCode.InternalServerError)]
    [InlineData("storage-access-denied", HttpStatusCode.InternalServerError)]
    [InlineData("bug", HttpStatusCode.InternalServerError)]
    [InlineData("unreadable-body", HttpStatusCode.BadRequest)]
    public async Task A_failure_is_answered_by_what_the_caller_can_do_about_it(string failure, HttpStatusCode expected)
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var app = await LoopbackApps.StartAsync(LoopbackApps.ServiceBuilder(Environments.Development, receiver), app =>
            app.MapGet("/fail/{failure}", (string failure) => Throw(failure)));
        using var client = new HttpClient { BaseAddress = LoopbackApps.Address(app) };

        using var response = await client.GetAsync($"/fail/{failure}");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)expected, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetInt32());
        Assert.Equal(expected == HttpStatusCode.ServiceUnavailable, response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    private static IResult Throw(string failure) => failure switch
    {
        "database-timeout" => throw new NpgsqlException("The operation has timed out", new TimeoutException()),
        "too-many-connections" => throw new PostgresException("sorry, too many clients already", "FATAL", "FATAL", "53300"),
        "peer-unreachable" => throw new HttpRequestException("Connection refused"),
        "unreadable-body" => throw new BadHttpRequestException("Failed to read the request body as JSON.", StatusCodes.Status400BadRequest),
        "storage-slow-down" => throw new AmazonS3Exception("Please reduce your request rate.", ErrorType.Receiver, "SlowDown", "request", HttpStatusCode.ServiceUnavailable),
        "storage-internal-error" => throw new AmazonS3Exception("We encountered an internal error.", ErrorType.Receiver, "InternalError", "request", HttpStatusCode.InternalServerError),
        "storage-access-denied" => throw new AmazonS3Exception("Access Denied", ErrorType.Sender, "AccessDenied", "request", HttpStatusCode.Forbidden),
        "sql-bug" => throw new PostgresException("column \"nope\" does not exist", "ERROR", "ERROR", "42703"),
        _ => throw new InvalidOperationException("A bug"),
    };
}
