using Alexandrite.Contracts;

namespace Alexandrite.Shop.Web.Security;

/// <summary>
/// Configuration section "SignIn": the users the shop signs in, by name, each with a password and one role
/// (<see cref="Roles"/>). The AppHost passes the passwords as secret parameters; the Docker-free run uses the
/// development users in README.md. A real deployment replaces this with an identity provider (ADR 0010).
/// </summary>
internal sealed class SignInOptions
{
    public const string SectionName = "SignIn";

    public Dictionary<string, SignInUserSettings> Users { get; set; } = new(StringComparer.Ordinal);

    public bool IsValid() => Users.Values.All(user => !string.IsNullOrEmpty(user.Password) && Roles.All.Contains(user.Role));
}

internal sealed class SignInUserSettings
{
    public string? Password { get; set; }

    public string? Role { get; set; }
}
