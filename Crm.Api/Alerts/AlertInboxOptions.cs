using Alexandrite.Contracts;

namespace Alexandrite.Crm.Api.Alerts;

/// <summary>
/// Support's alert inbox, bound from the "AlertInbox" section. Alertmanager authenticates its webhook calls with
/// HTTP Basic (RFC 7617) as <see cref="AlertInboxContract.UserName"/> and <see cref="Secret"/>, which the AppHost generates as the
/// secret parameter alert-inbox-secret and writes into Alertmanager's configuration as well.
/// </summary>
public sealed class AlertInboxOptions
{
    public const string SectionName = "AlertInbox";

    public const int MinimumSecretLength = 32;

    /// <summary>Shared with Alertmanager; at least <see cref="MinimumSecretLength"/> characters.</summary>
    public string? Secret { get; set; }

    /// <summary>How long a resolved alert stays in the inbox's list (it stays in the table).</summary>
    public TimeSpan ShowResolvedFor { get; set; } = TimeSpan.FromDays(1);

    public bool IsValid() => Secret is { Length: >= MinimumSecretLength } && ShowResolvedFor > TimeSpan.Zero;
}
