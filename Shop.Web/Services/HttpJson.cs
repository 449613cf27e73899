using System.Net;

namespace Alexandrite.Shop.Web.Services;

internal static class HttpJson
{
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
}
