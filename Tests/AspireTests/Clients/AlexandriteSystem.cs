using System.Net;
using System.Net.Http.Headers;
using Alexandrite.Contracts;
using Alexandrite.ServiceDefaults.Security;
using Microsoft.Extensions.Options;

namespace Alexandrite.AspireTests.Clients;

/// <summary>
/// The running system as the tests use it: clients for each service (anonymous, signed in by role, as a browser),
/// the users Shop.Web signs in, the key access tokens are signed with, and where an order's trace is read back.
/// <see cref="Hosting.AspireFixture"/> says where each of those is in the AppHost it starts.
/// </summary>
public abstract class AlexandriteSystem
{
    /// <summary>How long any single request may take.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly List<HttpClient> _clients = [];

    public abstract Uri ServiceUri(string resourceName);

    /// <summary>
    /// The user Shop.Web signs in under <paramref name="name"/> (Contracts' SignInUsers): one per role, named after
    /// it, so User(Roles.Manager) is the manager, and a second customer, <see cref="SignInUsers.SecondCustomer"/>.
    /// </summary>
    public abstract TestUser User(string name);

    /// <summary>The key access tokens are signed with (Auth:SigningKey).</summary>
    public abstract string SigningKey { get; }

    /// <summary>Where the order's trace is read back: the dashboard's telemetry API.</summary>
    public abstract IOrderTraces Traces { get; }

    /// <summary>What to show when a wait fails: the last lines of each service's log (<see cref="LogTails"/>).</summary>
    public abstract string DescribeForFailure();

    /// <summary>How many lines of each log <see cref="LogTails"/> shows.</summary>
    protected const int FailureLogLines = 40;

    /// <summary>The last <see cref="FailureLogLines"/> lines of each log, by name, for a failure message.</summary>
    protected static string LogTails(IEnumerable<(string Name, IEnumerable<string> Lines)> logs) =>
        string.Join('\n', logs.OrderBy(log => log.Name, StringComparer.Ordinal).Select(log =>
            $"--- {log.Name} (last {FailureLogLines} lines)\n{string.Join('\n', log.Lines.TakeLast(FailureLogLines))}"));

    /// <summary>Shop.Api as the customer (an access token on every request): their own orders.</summary>
    public HttpClient ShopApi { get; private set; } = null!;

    /// <summary>Shop.Api as support: any order, with who did each step and in which trace.</summary>
    public HttpClient ShopApiForSupport { get; private set; } = null!;

    public HttpClient MesApi { get; private set; } = null!;

    public HttpClient CrmApi { get; private set; } = null!;

    /// <summary>Shop.Web as a browser signed in as the customer (its cookie kept).</summary>
    public HttpClient ShopWeb { get; private set; } = null!;

    /// <summary>Shop.Web as a browser signed in as support: the stuck list and any order's journey.</summary>
    public HttpClient SupportWeb { get; private set; } = null!;

    /// <summary>Mes.Api as the operator (a fresh access token on every request).</summary>
    public HttpClient Operator { get; private set; } = null!;

    /// <summary>Crm.Api as the manager.</summary>
    public HttpClient Manager { get; private set; } = null!;

    /// <summary>Crm.Api as the customer.</summary>
    public HttpClient Customer { get; private set; } = null!;

    /// <summary>Crm.Api as support: journeys, the stuck list, the dead-letter queues.</summary>
    public HttpClient Support { get; private set; } = null!;

    /// <summary>Access tokens signed with this system's key, as Shop.Web issues them.</summary>
    public AccessTokens Tokens { get; private set; } = null!;

    /// <summary>Creates the clients above; call once the services are healthy.</summary>
    protected async Task ConnectClientsAsync()
    {
        Tokens = new AccessTokens(Options.Create(new AccessTokenOptions { SigningKey = SigningKey }), TimeProvider.System);
        ShopApi = SignedInClientFor(ResourceNames.ShopApi, User(Roles.Customer).Name, Roles.Customer);
        ShopApiForSupport = SignedInClientFor(ResourceNames.ShopApi, User(Roles.Support).Name, Roles.Support);
        MesApi = ClientFor(ResourceNames.MesApi);
        CrmApi = ClientFor(ResourceNames.CrmApi);
        Operator = SignedInClientFor(ResourceNames.MesApi, User(Roles.Operator).Name, Roles.Operator);
        Manager = SignedInClientFor(ResourceNames.CrmApi, User(Roles.Manager).Name, Roles.Manager);
        Customer = SignedInClientFor(ResourceNames.CrmApi, User(Roles.Customer).Name, Roles.Customer);
        Support = SignedInClientFor(ResourceNames.CrmApi, User(Roles.Support).Name, Roles.Support);
        ShopWeb = await SignedInBrowserAsync(Roles.Customer);
        SupportWeb = await SignedInBrowserAsync(Roles.Support);
    }

    protected void DisposeClients()
    {
        lock (_clients)
        {
            _clients.ForEach(client => client.Dispose());
            _clients.Clear();
        }
    }

    public HttpClient ClientFor(string resourceName) => Keep(new HttpClient { BaseAddress = ServiceUri(resourceName), Timeout = RequestTimeout });

    /// <summary>A client whose every request carries an access token for <paramref name="user"/> in <paramref name="role"/>.</summary>
    public HttpClient SignedInClientFor(string resourceName, string user, string role) =>
        Keep(new HttpClient(new SignedInHandler(Tokens, user, role, resourceName)) { BaseAddress = ServiceUri(resourceName), Timeout = RequestTimeout });

    /// <summary>A browser-like client for Shop.Web (cookies kept), not signed in.</summary>
    public HttpClient AnonymousBrowser(bool followRedirects = true) =>
        Keep(new HttpClient(new HttpClientHandler { AllowAutoRedirect = followRedirects, CookieContainer = new CookieContainer() })
        {
            BaseAddress = ServiceUri(ResourceNames.ShopWeb),
            Timeout = RequestTimeout,
        });

    /// <summary>A browser-like client for Shop.Web, signed in as the user named <paramref name="user"/> (see <see cref="User"/>).</summary>
    public async Task<HttpClient> SignedInBrowserAsync(string user, bool followRedirects = true)
    {
        var browser = AnonymousBrowser(followRedirects);
        await ShopWebForms.SignInAsync(browser, User(user));
        return browser;
    }

    /// <summary>Disposes <paramref name="client"/> with the system's other clients.</summary>
    protected HttpClient Keep(HttpClient client)
    {
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    /// <summary>Signs each request for <paramref name="audience"/>, the API the client calls, as Shop.Web does.</summary>
    private sealed class SignedInHandler(AccessTokens tokens, string user, string role, string audience) : DelegatingHandler(new HttpClientHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Create(user, role, audience));
            return base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>A user Shop.Web signs in.</summary>
public sealed record TestUser(string Name, string Password, string Role);
