using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Alexandrite.Contracts;
using Alexandrite.MeshAnalysis;

namespace Alexandrite.AspireTests.Monitoring;

/// <summary>
/// An alert travels the whole way: with MES's consumer paused (the dashboard's "Stop taking orders"), a submitted
/// order passes the watchdog's SUBMITTED limit (short in these tests), Prometheus's OrdersStuck rule goes pending,
/// then fires after its "for" (deploy/prometheus/alerts.yml, unchanged), Alertmanager notifies support's inbox in
/// Crm.Api with the shared secret, and support sees the alert in Shop.Web next to the order it is about; with the
/// consumer resumed, the order moves on and the resolved notification closes the same occurrence.
/// </summary>
[Collection(AspireCollection.Name)]
public sealed class AlertInboxTests(AspireFixture fixture)
{
    private const string Alert = "OrdersStuck";
    private const string Stage = "SUBMITTED";

    /// <summary>The rule waits a minute before it fires; the watchdog, the scrapes and Alertmanager add seconds.</summary>
    private static readonly TimeSpan FiringTimeout = TimeSpan.FromMinutes(3);

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private readonly ShopClient _shop = new(fixture);

    [Fact]
    public async Task The_stuck_orders_alert_fires_reaches_support_s_inbox_and_resolves_when_the_orders_move_on()
    {
        var prometheus = fixture.ClientFor("prometheus");

        // An earlier test's slow orders may still hold the alert: this occurrence starts after they moved on.
        await Eventually.UntilAsync(async () => await AlertStateAsync(prometheus) is null, Timeout,
            () => $"{Alert} for {Stage} stayed active before the test began.\n{fixture.DescribeForFailure()}");
        var before = DateTimeOffset.UtcNow;

        Guid orderId;
        JsonElement firing;
        await fixture.App.RunCommandAsync(ResourceNames.MesApi, "pause-consumer");
        try
        {
            orderId = await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(5), "silver");

            await Eventually.UntilAsync(async () => await AlertStateAsync(prometheus) is "pending" or "firing", Timeout,
                () => $"{Alert} never went pending in Prometheus.\n{fixture.DescribeForFailure()}");
            await Eventually.UntilAsync(async () => await AlertStateAsync(prometheus) == "firing", FiringTimeout,
                () => $"{Alert} went pending but never fired in Prometheus.\n{fixture.DescribeForFailure()}");

            firing = await Eventually.ValueAsync(() => InboxAlertAsync(before, "firing"), Timeout,
                () => $"The inbox never recorded {Alert} firing.\n{fixture.DescribeForFailure()}");
            Assert.Equal("mes-api", firing.GetProperty("service").GetString());
            Assert.Equal("warning", firing.GetProperty("severity").GetString());
            Assert.Contains("stuck in SUBMITTED, waiting on mes-api", firing.GetProperty("summary").GetString(), StringComparison.Ordinal);
            Assert.Equal(JsonValueKind.Null, firing.GetProperty("endsAt").ValueKind);

            // Support's page shows the alert firing, with the order it is about linked to its journey.
            var page = await fixture.SupportWeb.GetStringAsync("/support");
            var row = AlertRow(page, firing);
            Assert.Contains("data-status=\"firing\"", row, StringComparison.Ordinal);
            Assert.Contains($"href=\"/orders/{orderId}/journey\"", row, StringComparison.Ordinal);
        }
        finally
        {
            await fixture.App.RunCommandAsync(ResourceNames.MesApi, "resume-consumer");
        }

        await _shop.WaitForStatusAsync(orderId, "MANUFACTURING_APPROVED");
        var startsAt = firing.GetProperty("startsAt").GetDateTimeOffset();
        var resolved = await Eventually.ValueAsync(() => InboxAlertAsync(startsAt, "resolved", exactly: true), FiringTimeout,
            () => $"The inbox never recorded {Alert} resolved.\n{fixture.DescribeForFailure()}");
        Assert.True(resolved.GetProperty("endsAt").GetDateTimeOffset() >= resolved.GetProperty("startsAt").GetDateTimeOffset());
        var resolvedRow = AlertRow(await fixture.SupportWeb.GetStringAsync("/support"), resolved);
        Assert.Contains("data-status=\"resolved\"", resolvedRow, StringComparison.Ordinal);
        Assert.DoesNotContain("/journey", resolvedRow, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_support_reads_the_inbox()
    {
        Assert.Equal(HttpStatusCode.OK, (await fixture.Support.GetAsync(AlertInboxContract.Path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Manager.GetAsync(AlertInboxContract.Path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Customer.GetAsync(AlertInboxContract.Path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.ClientFor(ResourceNames.CrmApi).GetAsync(AlertInboxContract.Path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Support.PostAsJsonAsync(AlertInboxContract.Path, new { version = "4" })).StatusCode);
        Assert.DoesNotContain("data-testid=\"alerts\"", await fixture.ShopWeb.GetStringAsync("/orders"), StringComparison.Ordinal);
    }

    /// <summary>
    /// Alertmanager's retries and repeats update an occurrence; a late "firing" never reopens one resolved; an alert
    /// that fires again before its resolution was sent closes the earlier occurrence (Alertmanager never sends it).
    /// </summary>
    [Fact]
    public async Task The_inbox_keeps_one_row_per_occurrence_whatever_Alertmanager_repeats()
    {
        var drill = Guid.NewGuid().ToString("N");
        var first = new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
        using var alertmanager = fixture.ClientFor(ResourceNames.CrmApi);
        alertmanager.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AlertInboxContract.UserName}:{fixture.AlertInboxSecret}")));
        async Task NotifyAsync(string status, DateTimeOffset startsAt, DateTimeOffset? endsAt = null)
        {
            using var response = await alertmanager.PostAsJsonAsync(AlertInboxContract.Path, new
            {
                version = "4",
                status,
                alerts = new[]
                {
                    new
                    {
                        status,
                        labels = new Dictionary<string, string> { ["alertname"] = "InboxDrill", ["severity"] = "warning", ["drill"] = drill },
                        annotations = new Dictionary<string, string> { ["summary"] = $"{status} at {startsAt:O}" },
                        startsAt,
                        endsAt = endsAt ?? DateTimeOffset.MinValue,
                        fingerprint = drill[..16],
                    },
                },
            });
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        async Task<List<(DateTimeOffset StartsAt, string Status, DateTimeOffset? EndsAt)>> OccurrencesAsync() =>
            (await fixture.Support.GetFromJsonAsync<JsonElement>($"{AlertInboxContract.Path}?limit=200")).EnumerateArray()
                .Where(alert => alert.GetProperty("labels").TryGetProperty("drill", out var label) && label.GetString() == drill)
                .Select(alert => (alert.GetProperty("startsAt").GetDateTimeOffset(), alert.GetProperty("status").GetString()!,
                    alert.GetProperty("endsAt").ValueKind == JsonValueKind.Null ? (DateTimeOffset?)null : alert.GetProperty("endsAt").GetDateTimeOffset()))
                .OrderBy(occurrence => occurrence.Item1)
                .ToList();

        await NotifyAsync("firing", first);
        await NotifyAsync("firing", first);
        Assert.Equal([(first, "firing", (DateTimeOffset?)null)], await OccurrencesAsync());

        await NotifyAsync("resolved", first, first.AddMinutes(3));
        await NotifyAsync("firing", first);
        Assert.Equal([(first, "resolved", (DateTimeOffset?)first.AddMinutes(3))], await OccurrencesAsync());

        var second = first.AddMinutes(5);
        var third = first.AddMinutes(8);
        await NotifyAsync("firing", second);
        await NotifyAsync("firing", third);
        Assert.Equal(
            [(first, "resolved", first.AddMinutes(3)), (second, "resolved", third), (third, "firing", (DateTimeOffset?)null)],
            await OccurrencesAsync());

        await NotifyAsync("resolved", third, third.AddMinutes(1));
        Assert.DoesNotContain(await OccurrencesAsync(), occurrence => occurrence.Status == "firing");
    }

    /// <summary>Prometheus's state of the alert for SUBMITTED (pending or firing), or null when it is inactive.</summary>
    private static async Task<string?> AlertStateAsync(HttpClient prometheus) =>
        (await prometheus.GetFromJsonAsync<JsonElement>("/api/v1/alerts")).GetProperty("data").GetProperty("alerts").EnumerateArray()
            .Where(alert => alert.GetProperty("labels").GetProperty("alertname").GetString() == Alert
                && alert.GetProperty("labels").TryGetProperty("order_stage_name", out var stage) && stage.GetString() == Stage)
            .Select(alert => alert.GetProperty("state").GetString())
            .FirstOrDefault();

    /// <summary>
    /// The inbox's occurrence of the alert for SUBMITTED that started after <paramref name="since"/> (or, with
    /// <paramref name="exactly"/>, then), once it has <paramref name="status"/>.
    /// </summary>
    private async Task<JsonElement?> InboxAlertAsync(DateTimeOffset since, string status, bool exactly = false) =>
        (await fixture.Support.GetFromJsonAsync<JsonElement>(AlertInboxContract.Path)).EnumerateArray()
            .Where(alert => alert.GetProperty("name").GetString() == Alert && alert.GetProperty("stage").GetString() == Stage
                && (exactly ? alert.GetProperty("startsAt").GetDateTimeOffset() == since : alert.GetProperty("startsAt").GetDateTimeOffset() >= since)
                && alert.GetProperty("status").GetString() == status)
            .Select(alert => (JsonElement?)alert)
            .FirstOrDefault();

    /// <summary>The Support page's table row of that occurrence.</summary>
    private static string AlertRow(string page, JsonElement alert)
    {
        var startsAt = alert.GetProperty("startsAt").GetDateTimeOffset().UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        var attribute = page.IndexOf($"data-starts-at=\"{startsAt}\"", StringComparison.Ordinal);
        Assert.True(attribute >= 0, $"The Support page has no alert row starting at {startsAt}:\n{page}");
        var start = page.LastIndexOf("<tr", attribute, StringComparison.Ordinal);
        return page[start..page.IndexOf("</tr>", attribute, StringComparison.Ordinal)];
    }
}
