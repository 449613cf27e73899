namespace Alexandrite.Crm.Api.Alerts;

/// <summary>
/// The body of Alertmanager's webhook, version 4 (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config):
/// one notification per alert group, each alert firing or resolved. Only what the inbox keeps is read.
/// </summary>
internal sealed record AlertmanagerNotification(string? Version, string? Status, IReadOnlyList<AlertmanagerAlert>? Alerts)
{
    /// <summary>The format this inbox reads.</summary>
    public const string SupportedVersion = "4";

    /// <summary>More than Alertmanager's max_alerts (deploy/alertmanager/alertmanager.yml) ever sends in one notification.</summary>
    public const int MaxAlerts = 200;

    public const int MaxLabels = 64;

    public const int MaxTextLength = 4096;

    /// <summary>What makes the notification unusable, by field, as a validation problem's errors; empty when it is fine.</summary>
    public Dictionary<string, string[]> Problems()
    {
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (Version != SupportedVersion)
        {
            problems["version"] = [$"The inbox reads Alertmanager's webhook format {SupportedVersion}."];
        }

        if (Alerts is null || Alerts.Count == 0 || Alerts.Count > MaxAlerts)
        {
            problems["alerts"] = [$"A notification carries between 1 and {MaxAlerts} alerts."];
            return problems;
        }

        for (var index = 0; index < Alerts.Count; index++)
        {
            if ((Alerts[index] is { } alert ? alert.Problem() : "an alert, not null") is { } problem)
            {
                problems[$"alerts[{index}]"] = [problem];
            }
        }

        return problems;
    }
}

/// <summary>One alert: its labels (alertname, severity, the rule's own), annotations (summary, description), times and state.</summary>
internal sealed record AlertmanagerAlert(
    string? Status,
    IReadOnlyDictionary<string, string>? Labels,
    IReadOnlyDictionary<string, string>? Annotations,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? Fingerprint)
{
    public const string Firing = "firing";
    public const string Resolved = "resolved";

    public string Name => Labels!["alertname"];

    public string? Label(string name) => Labels!.GetValueOrDefault(name);

    public string? Annotation(string name) => Annotations?.GetValueOrDefault(name);

    /// <summary>Null when the alert can be recorded.</summary>
    public string? Problem() =>
        Status is not (Firing or Resolved) ? $"status is \"{Firing}\" or \"{Resolved}\""
        : Labels is null || !Labels.TryGetValue("alertname", out var name) || string.IsNullOrWhiteSpace(name) ? "labels.alertname is required"
        : Labels.Count > AlertmanagerNotification.MaxLabels ? $"at most {AlertmanagerNotification.MaxLabels} labels"
        : Annotations?.Count > AlertmanagerNotification.MaxLabels ? $"at most {AlertmanagerNotification.MaxLabels} annotations"
        : Labels.Concat(Annotations ?? new Dictionary<string, string>()).Any(pair => TooLong(pair.Key) || TooLong(pair.Value))
            ? $"labels and annotations are at most {AlertmanagerNotification.MaxTextLength} characters, without NUL"
        : string.IsNullOrWhiteSpace(Fingerprint) || TooLong(Fingerprint) ? "fingerprint is required"
        : StartsAt == default ? "startsAt is required"
        : Status == Resolved && EndsAt < StartsAt ? "a resolved alert's endsAt is not before its startsAt"
        : null;

    private static bool TooLong(string? text) => text is null || text.Length > AlertmanagerNotification.MaxTextLength || text.Contains('\0', StringComparison.Ordinal);
}
