using System.Net;

namespace Alexandrite.UnitTests.Services;

/// <summary>How a protected endpoint must answer a request that carries no credentials.</summary>
internal sealed class AnonymousAnswer
{
    /// <summary>APIs, and anything authenticated by a bearer token: 401, nothing run.</summary>
    public static readonly AnonymousAnswer Unauthorized = new("401", response => response.StatusCode == HttpStatusCode.Unauthorized);

    /// <summary>Shop.Web's pages and forms: the cookie handler sends the browser to the sign-in page.</summary>
    public static readonly AnonymousAnswer RedirectToSignIn = new("a redirect to /signin", response =>
        response.StatusCode == HttpStatusCode.Found
        && response.Headers.Location is { } location
        && new Uri(response.RequestMessage!.RequestUri!, location).AbsolutePath == "/signin");

    private readonly string _description;
    private readonly Func<HttpResponseMessage, bool> _matches;

    private AnonymousAnswer(string description, Func<HttpResponseMessage, bool> matches)
    {
        _description = description;
        _matches = matches;
    }

    public bool IsGivenBy(HttpResponseMessage response) => _matches(response);

    public override string ToString() => _description;
}
