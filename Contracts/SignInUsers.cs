namespace Alexandrite.Contracts;

/// <summary>A user Shop.Web signs in, and their one role.</summary>
public sealed record SignInUser(string Name, string Role);

/// <summary>
/// The users the AppHost gives Shop.Web: one per role, named after it, and a second customer, so that a customer
/// being refused someone else's order can be shown. Their passwords are the AppHost's secret parameters
/// "&lt;name&gt;-password" (README.md lists the development ones).
/// </summary>
public static class SignInUsers
{
    public const string SecondCustomer = "customer2";

    public static readonly IReadOnlyList<SignInUser> All =
    [
        .. Roles.All.Select(role => new SignInUser(role, role)),
        new SignInUser(SecondCustomer, Roles.Customer),
    ];
}
