using System.Net;
using Alexandrite.Contracts;

namespace Alexandrite.AspireTests.Security;

/// <summary>
/// Every Shop.Web response limits what a browser lets a page do: a Content-Security-Policy (the browser test proves
/// the shop's own script works under it), nosniff and a Referrer-Policy; pages, static files and errors alike.
/// </summary>
[Collection(AspireCollection.Name)]
public sealed class SecurityHeaderTests(AspireFixture fixture)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/signin")]
    [InlineData("/app.js")]
    [InlineData("/no-such-page")]
    public async Task A_Shop_Web_response_carries_the_security_headers(string path)
    {
        using var response = await fixture.AnonymousBrowser(followRedirects: false).GetAsync(path);

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.Redirect, $"{path}: {(int)response.StatusCode}");
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }
}
