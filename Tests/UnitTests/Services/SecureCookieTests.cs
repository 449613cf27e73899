using System.Net;
using System.Text.RegularExpressions;
using Alexandrite.Contracts;
using Alexandrite.UnitTests.ServiceDefaults;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Net.Http.Headers;

namespace Alexandrite.UnitTests.Services;

/// <summary>
/// Shop.Web's cookies as a browser gets them from the sign-in form: the session and the antiforgery cookie are Secure
/// when the shop is served over https (so they never travel over plain http once it is), and over http, where
/// Development runs, they still work; either way script cannot read them (HttpOnly) and another site's form post does
/// not carry them (SameSite).
/// </summary>
[Collection(ServiceDefaultsHostCollection.Name)]
public sealed partial class SecureCookieTests(RunningServices services) : IClassFixture<RunningServices>
{
    private const string SessionCookie = "alexandrite.session";
    private const string AntiforgeryCookiePrefix = ".AspNetCore.Antiforgery.";

    [Fact]
    public async Task Over_https_the_session_and_antiforgery_cookies_are_secure()
    {
        var (session, antiforgery) = await SignInAsync("https");

        Assert.True(session.Secure, $"{session} is not Secure over https.");
        Assert.True(antiforgery.Secure, $"{antiforgery} is not Secure over https.");
        AssertKeptFromScriptsAndOtherSites(session, antiforgery);
    }

    [Fact]
    public async Task Over_http_the_cookies_are_not_secure_but_HttpOnly_and_SameSite()
    {
        var (session, antiforgery) = await SignInAsync("http");

        Assert.False(session.Secure, $"{session} is Secure over http: a browser would not send it back.");
        Assert.False(antiforgery.Secure, $"{antiforgery} is Secure over http: a browser would not send it back.");
        AssertKeptFromScriptsAndOtherSites(session, antiforgery);
    }

    /// <summary>
    /// The session is Lax (a link from another site still arrives signed in); the antiforgery cookie is at least that
    /// (ASP.NET Core makes it Strict, which is stricter still).
    /// </summary>
    private static void AssertKeptFromScriptsAndOtherSites(SetCookieHeaderValue session, SetCookieHeaderValue antiforgery)
    {
        Assert.True(session.HttpOnly, $"{session} is not HttpOnly.");
        Assert.True(antiforgery.HttpOnly, $"{antiforgery} is not HttpOnly.");
        Assert.Equal(SameSiteMode.Lax, session.SameSite);
        Assert.Contains(antiforgery.SameSite, new[] { SameSiteMode.Lax, SameSiteMode.Strict });
    }

    /// <summary>
    /// Signs in as a browser does, on <paramref name="scheme"/> (TestServer sets Request.IsHttps from the client's base
    /// address): GET /signin for the form's antiforgery token and cookie, then POST the form with both.
    /// </summary>
    private async Task<(SetCookieHeaderValue Session, SetCookieHeaderValue Antiforgery)> SignInAsync(string scheme)
    {
        using var client = services.Named(ServiceFactory.ShopWebName).CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri($"{scheme}://localhost"),
            AllowAutoRedirect = false,
            HandleCookies = false,
        });

        using var page = await client.GetAsync("/signin");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var antiforgery = Assert.Single(SetCookies(page), cookie => cookie.Name.Value!.StartsWith(AntiforgeryCookiePrefix, StringComparison.Ordinal));
        var token = TokenField().Match(await page.Content.ReadAsStringAsync());
        Assert.True(token.Success, "The sign-in page carries no antiforgery token.");

        using var form = new HttpRequestMessage(HttpMethod.Post, "/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["name"] = Roles.Customer,
                ["password"] = ServiceFactory.PasswordOf(Roles.Customer),
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups["token"].Value),
            }),
        };
        form.Headers.Add(HeaderNames.Cookie, new CookieHeaderValue(antiforgery.Name, antiforgery.Value).ToString());
        using var signedIn = await client.SendAsync(form);

        Assert.Equal(HttpStatusCode.Found, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
        return (Assert.Single(SetCookies(signedIn), cookie => cookie.Name == SessionCookie), antiforgery);
    }

    private static IList<SetCookieHeaderValue> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues(HeaderNames.SetCookie, out var values) ? SetCookieHeaderValue.ParseList(values.ToList()) : [];

    [GeneratedRegex("""name="__RequestVerificationToken" value="(?<token>[^"]+)""")]
    private static partial Regex TokenField();
}
