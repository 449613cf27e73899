namespace Alexandrite.Contracts;

/// <summary>
/// How Alertmanager reaches support's alert inbox in Crm.Api: the webhook's path, and HTTP Basic with this user name
/// and the secret the AppHost gives both sides (Crm.Api as <see cref="SecretVariable"/>, Alertmanager in its
/// configuration).
/// </summary>
public static class AlertInboxContract
{
    public const string Path = "/api/alerts";

    public const string UserName = "alertmanager";

    /// <summary>Crm.Api's AlertInbox:Secret, as an environment variable.</summary>
    public const string SecretVariable = "AlertInbox__Secret";
}
