using Alexandrite.Contracts;
using Alexandrite.Crm.Api.Alerts;
using Alexandrite.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Alexandrite.Crm.Api.Apis;

/// <summary>
/// Support's alert inbox: Alertmanager posts what fires and what resolves (deploy/alertmanager/alertmanager.yml,
/// pointed here by the AppHost), support reads it next to the stuck orders (docs/adr/0011-who-sees-what.md).
/// </summary>
internal static class AlertsApi
{
    /// <summary>A notification of <see cref="AlertmanagerNotification.MaxAlerts"/> alerts with long annotations fits easily.</summary>
    private const long MaxNotificationBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var alerts = app.MapGroup(AlertInboxContract.Path).WithTags("Support");
        alerts.MapPost("/", Record)
            .WithSummary("Alertmanager's webhook (format 4): records each alert of the notification, firing or resolved")
            .RequireAuthorization(AlertmanagerAuthentication.Policy)
            .WithMetadata(new RequestSizeLimitAttribute(MaxNotificationBytes));
        alerts.MapGet("/", List)
            .WithSummary("The alerts firing now, then those resolved lately: rule, state, summary, the stage and service it is about, when")
            .RequireAuthorization(Roles.Support);
        return app;
    }

    private static async Task<Results<NoContent, ValidationProblem>> Record(
        AlertmanagerNotification notification, SupportAlerts alerts, CancellationToken cancellationToken)
    {
        if (notification.Problems() is { Count: > 0 } problems)
        {
            return TypedResults.ValidationProblem(problems, title: "Not an Alertmanager notification the inbox can record");
        }

        await alerts.RecordAsync(notification, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<IReadOnlyList<SupportAlert>>, ValidationProblem>> List(
        SupportAlerts alerts, CancellationToken cancellationToken, int limit = 50)
    {
        if (PageLimit.Problem(limit, SupportAlerts.MaxListed) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await alerts.ListAsync(limit, cancellationToken));
    }
}
