using System.Net;
using System.Text.RegularExpressions;

namespace Alexandrite.EndToEnd.Tests;

/// <summary>Uses Shop.Web's server-rendered forms as a browser without JavaScript would.</summary>
internal static partial class ShopWebForms
{
    /// <summary>Fills in and posts the order form; returns the new order's id from the redirect.</summary>
    public static async Task<Guid> PlaceOrderAsync(SystemFixture fixture, string material)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler) { BaseAddress = fixture.System.GetServiceUri(Contracts.ResourceNames.ShopWeb) };

        var page = await browser.GetStringAsync("/order/new");
        var fields = HiddenInputs().Matches(page).ToDictionary(match => match.Groups["name"].Value, match => WebUtility.HtmlDecode(match.Groups["value"].Value));
        string Field(string property) => FieldName().Matches(page).Select(match => match.Groups["name"].Value).Single(name => name.EndsWith("." + property, StringComparison.Ordinal));

        fields[Field("Name")] = "Ada Lovelace";
        fields[Field("Email")] = "ada@example.com";
        fields[Field("Phone")] = "+44 20 7946 0000";
        fields[Field("Address")] = "12 St James's Square, London";
        fields[Field("Material")] = material;

        using var response = await browser.PostAsync("/order/new", new FormUrlEncodedContent(fields));
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found,
            $"The form was not accepted: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var location = response.Headers.Location!.ToString();
        return Guid.Parse(location[(location.LastIndexOf('/') + 1)..]);
    }

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"|<input[^>]*name=\"(?<name>[^\"]+)\"[^>]*type=\"hidden\"[^>]*value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInputs();

    [GeneratedRegex("<(?:input|textarea|select)[^>]*name=\"(?<name>[^\"]+)\"")]
    private static partial Regex FieldName();
}
