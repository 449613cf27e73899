extern alias ShopApi;
extern alias MesApi;
extern alias CrmApi;
extern alias ShopWeb;

using Alexandrite.Contracts;
using Alexandrite.UnitTests.ServiceDefaults;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Alexandrite.UnitTests.Services;

/// <summary>One of the four services running in memory, whatever its Program type.</summary>
internal interface IServiceUnderTest : IAsyncDisposable
{
    /// <summary>The project's name (Shop.Api, ...), as failures name the service.</summary>
    string Name { get; }

    IServiceProvider Services { get; }

    HttpClient CreateClient(WebApplicationFactoryClientOptions options);
}

/// <summary>
/// A service as its own Program builds it, on a TestServer, in Development (so the Development-only routes exist:
/// /diagnostics/*), with settings that let it build and nothing it can reach: every connection string and peer
/// address is a closed loopback port, and no hosted service runs (no schema script, consumer, outbox relay or worker).
/// </summary>
internal static class ServiceFactory
{
    public const string ShopApiName = "Shop.Api";
    public const string MesApiName = "Mes.Api";
    public const string CrmApiName = "Crm.Api";
    public const string ShopWebName = "Shop.Web";

    public static readonly IReadOnlyList<string> Names = [ShopApiName, MesApiName, CrmApiName, ShopWebName];

    /// <summary>Taken and let go at once: nothing listens there, so a connection attempt is refused on the spot.</summary>
    private static readonly int ClosedPort = LoopbackApps.FreePort();

    public static IServiceUnderTest Create(string name) => name switch
    {
        ShopApiName => new Factory<ShopApi::Program>(name),
        MesApiName => new Factory<MesApi::Program>(name),
        CrmApiName => new Factory<CrmApi::Program>(name),
        ShopWebName => new Factory<ShopWeb::Program>(name),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not one of " + string.Join(", ", Names)),
    };

    /// <summary>The key the services check access tokens with (Auth:SigningKey).</summary>
    public static readonly string SigningKey = new('k', 64);

    /// <summary>What Crm.Api's alert inbox takes as Alertmanager's password (AlertInbox:Secret).</summary>
    public static readonly string AlertInboxSecret = new('a', 40);

    /// <summary>The password of Shop.Web's user <paramref name="user"/> (the users are named after their roles).</summary>
    public static string PasswordOf(string user) => $"test-{user}-password";

    /// <summary>
    /// What the AppHost would give (Contracts/ServiceConfiguration.cs), every service getting all of it: the keys,
    /// the connections, the peers' addresses and Shop.Web's users. Host settings, so Program already sees them when it
    /// registers its services (WebApplicationFactory passes them as command-line arguments).
    /// </summary>
    private static Dictionary<string, string> Settings()
    {
        var closed = $"127.0.0.1:{ClosedPort}";
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Auth:SigningKey"] = SigningKey,
            ["Telemetry:PseudonymKey"] = "route-tests-pseudonym-key",
            ["AlertInbox:Secret"] = AlertInboxSecret,
            [$"ConnectionStrings:{ResourceNames.ShopDatabase}"] = $"Host=127.0.0.1;Port={ClosedPort};Database=shopdb;Username=postgres;Password=unused",
            [$"ConnectionStrings:{ResourceNames.MesDatabase}"] = $"Host=127.0.0.1;Port={ClosedPort};Database=mesdb;Username=postgres;Password=unused",
            [$"ConnectionStrings:{ResourceNames.Messaging}"] = $"amqp://guest:guest@{closed}",
            [$"ConnectionStrings:{ResourceNames.Storage}"] = $"Endpoint=http://{closed};AccessKey=unused;SecretKey=unused",
        };
        foreach (var peer in new[] { ResourceNames.ShopApi, ResourceNames.MesApi, ResourceNames.CrmApi })
        {
            settings[$"services:{peer}:http:0"] = $"http://{closed}";
        }

        foreach (var role in Roles.All)
        {
            settings[$"SignIn:Users:{role}:Password"] = PasswordOf(role);
            settings[$"SignIn:Users:{role}:Role"] = role;
        }

        return settings;
    }

    private sealed class Factory<TProgram>(string name) : WebApplicationFactory<TProgram>, IServiceUnderTest
        where TProgram : class
    {
        public string Name => name;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(Environments.Development);
            foreach (var (key, value) in Settings())
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureLogging(logging => logging.ClearProviders());
            builder.ConfigureTestServices(services =>
            {
                // The web host itself runs as a hosted service (it starts the TestServer): every other one goes.
                foreach (var hosted in services.Where(descriptor => descriptor.ServiceType == typeof(IHostedService)
                             && descriptor.ImplementationType?.Name != "GenericWebHostService").ToList())
                {
                    services.Remove(hosted);
                }
            });
        }
    }
}
