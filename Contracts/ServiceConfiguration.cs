namespace Alexandrite.Contracts;

/// <summary>
/// The environment contract: the configuration each service must be given by whatever hosts it, as environment
/// variables. The AppHost must give exactly these, in either infrastructure mode (checked by
/// Tests/AspireTests/EnvironmentContractTests.cs on the running AppHost). Everything else a service reads has a
/// default (options classes) or comes from the host's own conventions (ASPNETCORE_*, OTEL_EXPORTER_*).
/// </summary>
public static class ServiceConfiguration
{
    /// <summary>The prefixes of the variables that are the application's own, as opposed to the runtime's.</summary>
    public static readonly IReadOnlyList<string> ApplicationPrefixes = ["ConnectionStrings__", "services__", "Auth__", "SignIn__", "AlertInbox__"];

    /// <summary>The key access tokens are signed and checked with (AccessTokenOptions).</summary>
    public const string SigningKey = "Auth__SigningKey";

    /// <summary>The password of a user Shop.Web signs in (SignInOptions; the users are <see cref="SignInUsers.All"/>).</summary>
    public static string SignInPassword(string user) => $"SignIn__Users__{user}__Password";

    /// <summary>The role of a user Shop.Web signs in.</summary>
    public static string SignInRole(string user) => $"SignIn__Users__{user}__Role";

    private static readonly string[] SignInUserKeys = SignInUsers.All.SelectMany(user => new[] { SignInPassword(user.Name), SignInRole(user.Name) }).ToArray();

    private static readonly Dictionary<string, string[]> Required = new(StringComparer.Ordinal)
    {
        [ResourceNames.ShopApi] =
        [
            ConnectionString(ResourceNames.ShopDatabase), ConnectionString(ResourceNames.Messaging), ConnectionString(ResourceNames.Storage),
            SigningKey,
        ],
        [ResourceNames.MesApi] =
        [
            ConnectionString(ResourceNames.MesDatabase), ConnectionString(ResourceNames.Messaging), ConnectionString(ResourceNames.Storage),
            SigningKey,
        ],
        [ResourceNames.CrmApi] =
        [
            ConnectionString(ResourceNames.ShopDatabase), ConnectionString(ResourceNames.Messaging), ServiceUrl(ResourceNames.MesApi),
            SigningKey, AlertInboxContract.SecretVariable,
        ],
        [ResourceNames.ShopWeb] =
        [
            ServiceUrl(ResourceNames.ShopApi), ServiceUrl(ResourceNames.MesApi), ServiceUrl(ResourceNames.CrmApi),
            SigningKey, .. SignInUserKeys,
        ],
    };

    /// <summary>Variables every service needs: its name in telemetry.</summary>
    public static readonly IReadOnlyList<string> Common = ["OTEL_SERVICE_NAME"];

    public static IReadOnlyList<string> Services => [.. Required.Keys];

    /// <summary>The application variables <paramref name="resourceName"/> must be given, and nothing else of its own.</summary>
    public static IReadOnlyList<string> RequiredKeys(string resourceName) => [.. Common, .. Required[resourceName]];

    /// <summary>Whether <paramref name="key"/> is one of the application's own variables (see <see cref="ApplicationPrefixes"/>).</summary>
    public static bool IsApplicationKey(string key) => ApplicationPrefixes.Any(prefix => key.StartsWith(prefix, StringComparison.Ordinal));

    private static string ConnectionString(string name) => $"ConnectionStrings__{name}";

    private static string ServiceUrl(string name) => $"services__{name}__http__0";
}
