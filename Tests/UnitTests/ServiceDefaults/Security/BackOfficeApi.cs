using System.Security.Claims;
using Alexandrite.Contracts;
using Alexandrite.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alexandrite.UnitTests.ServiceDefaults.Security;

/// <summary>
/// A back-office API in memory, set up as Mes.Api is (AddAccessTokenAuthentication with its resource name), whose one
/// endpoint needs the operator role and answers with the actor a step would record. Its clock is <see cref="Clock"/>.
/// </summary>
internal sealed class BackOfficeApi : IAsyncDisposable
{
    public const string Key = "unit-test-signing-key-unit-test-signing-key-0123456789abcdef";
    public const string Audience = ResourceNames.MesApi;
    public const string Path = "/operator";

    private readonly WebApplication _app;

    private BackOfficeApi(WebApplication app, ManualClock clock)
    {
        _app = app;
        Clock = clock;
        Client = app.GetTestClient();
    }

    public ManualClock Clock { get; }

    public HttpClient Client { get; }

    public static async Task<BackOfficeApi> StartAsync()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration[$"{AccessTokenOptions.SectionName}:{nameof(AccessTokenOptions.SigningKey)}"] = Key;
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddProblemDetails();
        builder.AddAccessTokenAuthentication(Audience);

        var app = builder.Build();
        app.MapGet(Path, (ClaimsPrincipal user) => user.UserName()).RequireAuthorization(Roles.Operator);
        await app.StartAsync();
        return new BackOfficeApi(app, clock);
    }

    /// <summary>Tokens as Shop.Web issues them, on this API's clock, unless <paramref name="settings"/> says otherwise.</summary>
    public AccessTokens Issuer(AccessTokenOptions? settings = null) =>
        new(Options.Create(settings ?? new AccessTokenOptions { SigningKey = Key }), Clock);

    public async Task<HttpResponseMessage> GetAsync(string? token, string scheme = "Bearer", string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Path);
        if (token is not null)
        {
            request.Headers.Authorization = new(scheme, token);
        }

        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        return await Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }

    internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
