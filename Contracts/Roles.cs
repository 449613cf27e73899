namespace Alexandrite.Contracts;

/// <summary>
/// Who may do what: the customer orders and confirms receipt, the MES operator drives manufacturing, the CRM
/// manager decides on priced orders. Each role is also the name of the authorization policy that requires it.
/// </summary>
public static class Roles
{
    public const string Customer = "customer";
    public const string Operator = "operator";
    public const string Manager = "manager";

    /// <summary>The back office: operators and managers.</summary>
    public const string Staff = "staff";

    public static readonly IReadOnlyList<string> All = [Customer, Operator, Manager];
}
