namespace Alexandrite.Contracts;

/// <summary>
/// Who may do what (docs/adr/0011-who-sees-what.md): the customer orders and confirms receipt of their own orders,
/// the MES operator drives manufacturing, the CRM manager decides on priced orders, support reads journeys, traces,
/// the stuck list and the dead-letter queues but changes no order. Each role is also the name of the
/// authorization policy that requires it.
/// </summary>
public static class Roles
{
    public const string Customer = "customer";
    public const string Operator = "operator";
    public const string Manager = "manager";
    public const string Support = "support";

    /// <summary>Policy: the back office (operators, managers and support); sees journeys and the stuck list.</summary>
    public const string Staff = "staff";

    /// <summary>
    /// Policy: the Development-only /diagnostics endpoints (a failure trace, demo orders, pausing a consumer), for
    /// staff with an access token; the AppHost's dashboard commands carry one.
    /// </summary>
    public const string Diagnostics = "diagnostics";

    public static readonly IReadOnlyList<string> All = [Customer, Operator, Manager, Support];

    public static readonly IReadOnlyList<string> StaffRoles = [Operator, Manager, Support];
}
