using Alexandrite.Contracts;

namespace Alexandrite.AppHost.Monitoring;

/// <summary>
/// Support's alert inbox: the service that receives Alertmanager's webhook (Crm.Api's POST /api/alerts) and the
/// secret they share, which the service reads as AlertInbox__Secret and Alertmanager sends as its basic_auth password.
/// </summary>
internal sealed record AlertInbox(IResourceBuilder<ProjectResource> Service, IResourceBuilder<ParameterResource> Secret);

internal static class AlertInboxExtensions
{
    /// <summary>The service that receives Alertmanager's notifications, with the secret that authenticates them.</summary>
    public static AlertInbox WithAlertInbox(this IResourceBuilder<ProjectResource> service, IResourceBuilder<ParameterResource> secret)
    {
        service.WithEnvironment(AlertInboxContract.SecretVariable, secret);
        return new AlertInbox(service, secret);
    }
}
