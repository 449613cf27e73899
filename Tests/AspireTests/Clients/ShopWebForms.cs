using System.Net;
using System.Text.RegularExpressions;
using Alexandrite.Contracts;

namespace Alexandrite.AspireTests.Clients;

/// <summary>Uses Shop.Web's server-rendered forms as a browser without JavaScript would.</summary>
public static partial class ShopWebForms
{
    /// <summary>Fills in and posts the order form; returns the new order's id from the redirect.</summary>
    public static async Task<Guid> PlaceOrderAsync(AlexandriteSystem system, string material)
    {
        using var browser = await system.SignedInBrowserAsync(Roles.Customer, followRedirects: false);

        var page = await browser.GetStringAsync("/order/new");
        var fields = HiddenFields(page);
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

    /// <summary>Signs in with the form on /signin; the browser's cookie container keeps the session.</summary>
    public static async Task SignInAsync(HttpClient browser, TestUser user)
    {
        (await PostSignInAsync(browser, user.Name, user.Password)).Dispose();
        Assert.Contains($"data-testid=\"signed-in-as\">{user.Name}<", await browser.GetStringAsync("/"), StringComparison.Ordinal);
    }

    /// <summary>
    /// Fills in and posts the form on /signin with its antiforgery token; returns Shop.Web's answer (a redirect when the
    /// browser does not follow them, a 429 problem when sign-in is throttled).
    /// </summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient browser, string name, string password)
    {
        var fields = HiddenFields(await browser.GetStringAsync("/signin"));
        fields["name"] = name;
        fields["password"] = password;
        return await browser.PostAsync("/signin", new FormUrlEncodedContent(fields));
    }

    /// <summary>
    /// Presses a button on a page as a browser without JavaScript would: posts the page's antiforgery token to
    /// <paramref name="action"/>; returns the response (a redirect when the browser does not follow them).
    /// </summary>
    public static async Task<HttpResponseMessage> PressAsync(HttpClient browser, string page, string action) =>
        await browser.PostAsync(action, new FormUrlEncodedContent(HiddenFields(await browser.GetStringAsync(page))));

    /// <summary>The antiforgery token of <paramref name="page"/>, as its script sends it (RequestVerificationToken header).</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient browser, string page) =>
        HiddenFields(await browser.GetStringAsync(page))["__RequestVerificationToken"];

    /// <summary>
    /// The page of support's stuck list (/support, <paramref name="query"/>) that lists <paramref name="orderId"/>,
    /// found by following "Next page" from the first, as support would; null when no page lists it.
    /// </summary>
    public static async Task<string?> StuckListPageWithAsync(HttpClient supportWeb, Guid orderId, string query = "")
    {
        for (var path = "/support" + query; ;)
        {
            var page = await supportWeb.GetStringAsync(path);
            if (page.Contains($"<tr data-order=\"{orderId}\"", StringComparison.Ordinal))
            {
                return page;
            }

            if (StuckNextPage().Match(page) is not { Success: true } next)
            {
                return null;
            }

            path = WebUtility.HtmlDecode(next.Groups["href"].Value);
        }
    }

    private static Dictionary<string, string> HiddenFields(string page) =>
        HiddenInputs().Matches(page)
            .DistinctBy(match => match.Groups["name"].Value)
            .ToDictionary(match => match.Groups["name"].Value, match => WebUtility.HtmlDecode(match.Groups["value"].Value));

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"|<input[^>]*name=\"(?<name>[^\"]+)\"[^>]*type=\"hidden\"[^>]*value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInputs();

    [GeneratedRegex("<(?:input|textarea|select)[^>]*name=\"(?<name>[^\"]+)\"")]
    private static partial Regex FieldName();

    [GeneratedRegex("<a href=\"(?<href>[^\"]+)\" data-testid=\"stuck-next-page\"")]
    private static partial Regex StuckNextPage();
}
