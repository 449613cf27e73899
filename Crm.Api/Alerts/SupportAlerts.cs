using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Alexandrite.Crm.Api.Alerts;

/// <summary>
/// The inbox's table (crm.support_alerts): Alertmanager's notifications recorded, and the list support reads.
/// Alertmanager retries a notification the inbox could not take (5xx) and repeats firing alerts every repeat
/// interval, so recording is an upsert by occurrence, and a late "firing" never reopens an occurrence resolved. An
/// alert that fires again before its resolution was sent (Alertmanager replaces the old occurrence with the new one
/// and never sends that resolution) closes the older occurrence, which would otherwise stay firing for good.
/// </summary>
internal sealed class SupportAlerts(NpgsqlDataSource dataSource, IOptions<AlertInboxOptions> options, TimeProvider time)
{
    /// <summary>The labels the rules (deploy/prometheus/alerts.yml) put on an alert about orders in a stage.</summary>
    public const string StageLabel = "order_stage_name";

    /// <summary>The service the alert is about: the stage's owner, the rule's owner, or the scraped service.</summary>
    private static readonly string[] ServiceLabels = ["order_stage_owner", "owner", "job"];

    public const int MaxListed = 200;

    public async Task RecordAsync(AlertmanagerNotification notification, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // One row of parameters per alert, for both statements (Dapper binds only what each one names).
        var alerts = notification.Alerts!.Select(alert => new
        {
            alert.Fingerprint,
            StartsAt = alert.StartsAt.ToUniversalTime(),
            alert.Name,
            alert.Status,
            Severity = alert.Label("severity"),
            Stage = alert.Label(StageLabel),
            Service = ServiceLabels.Select(alert.Label).FirstOrDefault(value => value is not null),
            Summary = alert.Annotation("summary"),
            Description = alert.Annotation("description"),
            Labels = JsonSerializer.Serialize(alert.Labels),
            // A firing alert's endsAt is Prometheus's guess at when it would lapse unrenewed, not an end.
            EndsAt = alert.Status == AlertmanagerAlert.Resolved ? alert.EndsAt.ToUniversalTime() : (DateTimeOffset?)null,
            Now = now,
        }).ToList();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO crm.support_alerts AS a
                (fingerprint, starts_at, name, status, severity, stage, service, summary, description, labels, ends_at, first_notified_at, last_notified_at)
            VALUES (@Fingerprint, @StartsAt, @Name, @Status, @Severity, @Stage, @Service, @Summary, @Description, @Labels::jsonb, @EndsAt, @Now, @Now)
            ON CONFLICT (fingerprint, starts_at) DO UPDATE SET
                status = CASE WHEN a.status = 'resolved' THEN a.status ELSE EXCLUDED.status END,
                ends_at = COALESCE(a.ends_at, EXCLUDED.ends_at),
                summary = EXCLUDED.summary,
                description = EXCLUDED.description,
                last_notified_at = EXCLUDED.last_notified_at
            """,
            alerts,
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE crm.support_alerts SET status = 'resolved', ends_at = @StartsAt, last_notified_at = @Now
            WHERE fingerprint = @Fingerprint AND starts_at < @StartsAt AND status = 'firing'
            """,
            alerts,
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The alerts firing now, then those resolved within AlertInbox:ShowResolvedFor; newest first in each.</summary>
    public async Task<IReadOnlyList<SupportAlert>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<AlertRow>(new CommandDefinition(
            """
            SELECT name AS Name, status AS Status, severity AS Severity, stage AS Stage, service AS Service, summary AS Summary,
                   description AS Description, starts_at AS StartsAt, ends_at AS EndsAt, last_notified_at AS LastNotifiedAt, labels::text AS Labels
            FROM crm.support_alerts
            WHERE status = 'firing' OR last_notified_at >= @ResolvedSince
            ORDER BY status = 'firing' DESC, starts_at DESC
            LIMIT @limit
            """,
            new { ResolvedSince = time.GetUtcNow() - options.Value.ShowResolvedFor, limit },
            cancellationToken: cancellationToken));
        return rows.Select(row => row.ToAlert()).ToList();
    }

    private sealed record AlertRow(
        string Name, string Status, string? Severity, string? Stage, string? Service, string? Summary, string? Description,
        DateTime StartsAt, DateTime? EndsAt, DateTime LastNotifiedAt, string Labels)
    {
        public SupportAlert ToAlert() => new(
            Name, Status, Severity, Stage, Service, Summary, Description, Utc(StartsAt), EndsAt is { } end ? Utc(end) : null, Utc(LastNotifiedAt),
            JsonSerializer.Deserialize<Dictionary<string, string>>(Labels) ?? []);

        private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
    }
}

/// <summary>
/// An alert as support reads it: the rule's name, firing or resolved, what it says, the stage and service it is
/// about (from its labels), when it started and ended, and every label.
/// </summary>
internal sealed record SupportAlert(
    string Name, string Status, string? Severity, string? Stage, string? Service, string? Summary, string? Description,
    DateTimeOffset StartsAt, DateTimeOffset? EndsAt, DateTimeOffset LastNotifiedAt, IReadOnlyDictionary<string, string> Labels);
