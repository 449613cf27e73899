using System.Security.Cryptography;
using Alexandrite.Contracts;

namespace Alexandrite.Testing.AppHost;

/// <summary>
/// Fresh values for every secret the AppHost would otherwise generate on its first run and keep in its user secrets
/// (AppHost/Program.cs: AddSecret), the sign-in users' passwords and the dashboard's API key, given to it as
/// configuration (<see cref="Arguments"/>). Each is longer than the AppHost's minimum length for it.
/// </summary>
public sealed class AppHostSecrets
{
    /// <summary>The key access tokens are signed and checked with (the auth-signing-key parameter).</summary>
    public string SigningKey { get; } = NewSecret(32);

    /// <summary>The key of the dashboard's telemetry API (AppHost:DashboardApiKey).</summary>
    public string DashboardApiKey { get; } = NewSecret(16);

    /// <summary>The secret Alertmanager authenticates to support's alert inbox with (the alert-inbox-secret parameter).</summary>
    public string AlertInboxSecret { get; } = NewSecret(24);

    // The other secret parameters: no caller needs them, but each run keeps one value for each.
    private readonly string _pseudonymKey = NewSecret(32);
    private readonly string _postgresPassword = NewSecret(16);
    private readonly string _storageUser = NewSecret(8);
    private readonly string _storagePassword = NewSecret(16);
    private readonly string _grafanaAdminPassword = NewSecret(12);

    /// <summary>The users Shop.Web signs in (Contracts' SignInUsers), by name.</summary>
    public IReadOnlyDictionary<string, AppHostUser> Users { get; } = SignInUsers.All.ToDictionary(
        user => user.Name, user => new AppHostUser(user.Name, NewSecret(12), user.Role), StringComparer.Ordinal);

    /// <summary>The secret parameters (Parameters:&lt;name&gt;) and the dashboard's API key, as configuration keys.</summary>
    public IReadOnlyDictionary<string, string> Settings()
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Parameters:auth-signing-key"] = SigningKey,
            ["Parameters:pseudonym-key"] = _pseudonymKey,
            ["Parameters:postgres-password"] = _postgresPassword,
            ["Parameters:storage-user"] = _storageUser,
            ["Parameters:storage-password"] = _storagePassword,
            ["Parameters:alert-inbox-secret"] = AlertInboxSecret,
            ["Parameters:grafana-admin-password"] = _grafanaAdminPassword,
            ["AppHost:DashboardApiKey"] = DashboardApiKey,
        };
        foreach (var user in Users.Values)
        {
            settings[$"Parameters:{user.Name}-password"] = user.Password;
        }

        return settings;
    }

    /// <summary>
    /// <see cref="Settings"/> and <paramref name="more"/> as key=value arguments: given as arguments, the AppHost sees
    /// them while it builds its model, and they win over its user secrets, where F5 keeps what it generated.
    /// </summary>
    public string[] Arguments(IEnumerable<KeyValuePair<string, string>> more)
    {
        var settings = new Dictionary<string, string>(Settings(), StringComparer.Ordinal);
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return [.. settings.Select(setting => $"{setting.Key}={setting.Value}")];
    }

    /// <summary>A random secret of <paramref name="bytes"/> bytes, as hex (twice as many characters).</summary>
    public static string NewSecret(int bytes) => Convert.ToHexString(RandomNumberGenerator.GetBytes(bytes));
}
