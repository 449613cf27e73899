using System.Security.Cryptography;
using Alexandrite.Contracts;

namespace Alexandrite.LocalRun.Services;

/// <summary>
/// The secrets the AppHost passes as secret parameters: the key access tokens are signed with (new for every
/// run; nobody types it) and the back-office users Shop.Web signs in. The Docker-free run uses the development
/// users documented in README.md, one per role, so a developer can sign in to every part of the shop.
/// </summary>
public sealed record Credentials(string SigningKey, IReadOnlyList<ShopUser> Users)
{
    public static readonly IReadOnlyList<ShopUser> DevelopmentUsers =
    [
        new("customer", "dev-customer", Roles.Customer),
        new("operator", "dev-operator", Roles.Operator),
        new("manager", "dev-manager", Roles.Manager),
    ];

    public static Credentials ForDevelopment() => new(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)), DevelopmentUsers);

    public ShopUser User(string role) => Users.First(user => user.Role == role);

    /// <summary>Configuration keys as Shop.Web reads them (section SignIn:Users, see Shop.Web's SignInOptions).</summary>
    public IEnumerable<KeyValuePair<string, string?>> UserVariables() => Users.SelectMany(user => new KeyValuePair<string, string?>[]
    {
        new(ServiceConfiguration.SignInPassword(user.Name), user.Password),
        new(ServiceConfiguration.SignInRole(user.Name), user.Role),
    });
}

/// <summary>A user Shop.Web signs in: a name, a password and one role.</summary>
public sealed record ShopUser(string Name, string Password, string Role);
