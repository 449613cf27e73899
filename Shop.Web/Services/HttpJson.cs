using System.Net;
using System.Net.Http.Headers;

namespace Alexandrite.Shop.Web.Services;

internal static class HttpJson
{
    /// <summary>
    /// The API could not be reached or did not answer in time: refused or reset (HttpRequestException), or given
    /// up on by the resilience handler (its timeouts and open circuit are Polly's ExecutionRejectedException).
    /// </summary>
    public static bool IsApiUnavailable(this Exception exception) =>
        exception is HttpRequestException or Polly.ExecutionRejectedException;

    /// <summary>GETs <paramref name="path"/> as JSON; null on 404 (no such order), an exception on any other failure.</summary>
    public static async Task<T?> GetOrNullAsync<T>(this HttpClient http, string path, CancellationToken cancellationToken) where T : class
    {
        using var response = await http.GetAsync(path, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<T>(cancellationToken);
    }

    /// <summary>
    /// Sends a command to an API and reports how it went, never throwing for the API's refusals or its
    /// absence: the page tells the customer in plain words, and the order stays as it was.
    /// </summary>
    public static async Task<ApiOutcome> CommandAsync(this HttpClient http, HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };

            // A large upload is refused (413) before its body is sent (RFC 9110 section 10.1.1).
            request.Headers.ExpectContinue = content is MultipartContent;
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return new ApiOutcome((int)response.StatusCode, body);
        }
        catch (Exception exception) when (exception.IsApiUnavailable())
        {
            return ApiOutcome.Unavailable;
        }
    }
}

/// <summary>What an API answered to a command: its status code and body (JSON, or RFC 9457 problem details).</summary>
internal sealed record ApiOutcome(int Status, string Body)
{
    /// <summary>The API could not be reached at all.</summary>
    public static readonly ApiOutcome Unavailable = new(StatusCodes.Status503ServiceUnavailable, "");

    public bool Succeeded => Status is >= 200 and < 300;
}
