using System.Net.Http.Json;
using System.Text.Json;
using Alexandrite.Contracts;
using Alexandrite.Contracts.Messages;
using Alexandrite.MeshAnalysis;
using Alexandrite.ServiceDefaults.Telemetry;
using Npgsql;

namespace Alexandrite.AspireTests.Reliability;

/// <summary>
/// Diagnosis drills: a fault injected into the running system, then what support sees. For each, the watchdog
/// reports the order within its stage's limit plus one check, the journey names the stage, the service and the
/// cause, and the order's trace ends at its last good span; once the fault is gone the order moves on by itself.
/// The fifth drill, a message dead-lettered, is in <see cref="DeadLetterTests"/>. Crm.Api down is the one the
/// watchdog cannot report, since it runs there: Prometheus's ServiceDown alert does, through Alertmanager.
/// </summary>
[Collection(AspireCollection.Name)]
public sealed class DiagnosisDrillTests(AspireFixture fixture)
{
    private const string Submitted = "SUBMITTED";

    private readonly ShopClient _shop = new(fixture);

    [Fact]
    public async Task MES_s_consumer_stopped_the_journey_says_MES_takes_nothing_from_its_queue()
    {
        Guid orderId;
        await fixture.App.RunCommandAsync(ResourceNames.MesApi, "pause-consumer");
        try
        {
            orderId = await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(5), "silver");

            var journey = await Diagnosis.WaitForStuckJourneyAsync(fixture, orderId, Submitted);
            Diagnosis.AssertReportedInTime(journey, Submitted);
            Diagnosis.AssertNames(journey, Submitted, ResourceNames.MesApi,
                "mes-api is not consuming its queue mes-api.orders", $"mes-api has not taken the order's {OrderSubmitted.MessageType} message yet");
            await Diagnosis.AssertTraceEndsAtAsync(fixture, orderId, SpanNames.Publish(OrderSubmitted.MessageType), ResourceNames.ShopApi);
        }
        finally
        {
            await fixture.App.RunCommandAsync(ResourceNames.MesApi, "resume-consumer");
        }

        await _shop.WaitForStatusAsync(orderId, "MANUFACTURING_APPROVED");
    }

    [Fact]
    public async Task S3_down_the_journey_says_MES_retries_a_model_it_cannot_read()
    {
        // The order is submitted with S3 up (its model is stored), then S3 stops before MES reads the model.
        Guid orderId;
        await fixture.App.RunCommandAsync(ResourceNames.MesApi, "pause-consumer");
        try
        {
            orderId = await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(5), "silver");
            await fixture.App.StopResourceAsync(ResourceNames.Storage);
        }
        finally
        {
            await fixture.App.RunCommandAsync(ResourceNames.MesApi, "resume-consumer");
        }

        try
        {
            var journey = await Diagnosis.WaitForStuckJourneyAsync(fixture, orderId, Submitted);
            Diagnosis.AssertReportedInTime(journey, Submitted);
            journey = await Eventually.ValueAsync(async () =>
                (await fixture.Support.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}/journey")) is var read
                && read.GetProperty("cause").GetString()?.Contains("could not be read from storage", StringComparison.Ordinal) == true ? read : (JsonElement?)null,
                TimeSpan.FromSeconds(60), () => $"The journey never said why MES cannot price order {orderId}.\n{fixture.DescribeForFailure()}");
            Diagnosis.AssertNames(journey, Submitted, ResourceNames.MesApi,
                "mes-api's price calculation waits to be tried again", "The model could not be read from storage (S3");
            await Diagnosis.AssertTraceEndsAtAsync(
                fixture, orderId, SpanNames.QueuePriceCalculation, ResourceNames.MesApi,
                SpanNames.CalculatePrice, SpanNames.ObjectStorage("GetObject", ResourceNames.ModelsBucket));
        }
        finally
        {
            await fixture.App.StartResourceAsync(ResourceNames.Storage);
        }

        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Storage).WaitAsync(TimeSpan.FromMinutes(1));
        await _shop.WaitForStatusAsync(orderId, "MANUFACTURING_APPROVED");
    }

    [Fact]
    public async Task MES_s_database_slow_the_journey_says_MES_does_not_answer_in_time()
    {
        // A transaction holds price_jobs locked: MES's handler of the order's message, its worker and its account of
        // the calculation wait on the database, as they would on one that is overloaded.
        await using var mesDb = await fixture.OpenDatabaseAsync(ResourceNames.MesDatabase);
        Guid orderId;
        await using (var slow = await mesDb.BeginTransactionAsync())
        {
            await using (var command = new NpgsqlCommand("LOCK TABLE price_jobs IN ACCESS EXCLUSIVE MODE", mesDb, slow))
            {
                await command.ExecuteNonQueryAsync();
            }

            orderId = await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(5), "silver");
            var journey = await Diagnosis.WaitForStuckJourneyAsync(fixture, orderId, Submitted);
            Diagnosis.AssertReportedInTime(journey, Submitted);
            Diagnosis.AssertNames(journey, Submitted, ResourceNames.MesApi, "mes-api did not say within 2 s what holds the order");
            await Diagnosis.AssertTraceEndsAtAsync(fixture, orderId, SpanNames.Publish(OrderSubmitted.MessageType), ResourceNames.ShopApi);
            await slow.RollbackAsync();
        }

        await _shop.WaitForStatusAsync(orderId, "MANUFACTURING_APPROVED");
    }

    [Fact]
    public async Task Crm_Api_down_Prometheus_raises_ServiceDown_Alertmanager_has_it_and_the_journey_page_says_so()
    {
        var prometheus = fixture.ClientFor(PrometheusResource);
        Guid orderId;
        DateTimeOffset stoppedAt;
        await fixture.App.StopResourceAsync(ResourceNames.CrmApi);
        try
        {
            stoppedAt = DateTimeOffset.UtcNow;
            orderId = await _shop.SubmitNewOrderAsync(SampleModels.BinaryStlCube(5), "silver");

            // The watchdog runs in Crm.Api, so Prometheus raises the signal: the rule's for (1 minute) after the first
            // failed scrape, one scrape and one evaluation (a second each in these tests) after the stop.
            var activeAt = await Eventually.ValueAsync(() => ServiceDownAsync(prometheus, ResourceNames.CrmApi, "firing"), ServiceDownTimeout,
                () => $"ServiceDown never fired for crm-api.\n{fixture.DescribeForFailure()}");
            Assert.True(activeAt - stoppedAt <= DetectionAllowance, $"Prometheus saw crm-api down {activeAt - stoppedAt} after it stopped.");

            // Alertmanager has it, for its UI and its receivers. Support's inbox lives in Crm.Api, so it gets the alert
            // only if it is still firing when Crm.Api is back (Alertmanager sends no resolution of an alert it never
            // delivered): an on-call receiver is the way out of that, not the inbox.
            var alertmanager = fixture.ClientFor("alertmanager");
            await Eventually.UntilAsync(async () =>
                (await alertmanager.GetFromJsonAsync<JsonElement>("/api/v2/alerts?filter=alertname%3D%22ServiceDown%22")).EnumerateArray()
                    .Any(alert => alert.GetProperty("labels").GetProperty("job").GetString() == ResourceNames.CrmApi
                        && alert.GetProperty("status").GetProperty("state").GetString() == "active"),
                ServiceDownTimeout, () => $"Alertmanager never had ServiceDown for crm-api.\n{fixture.DescribeForFailure()}");

            // MES priced the order; its PriceCalculated waits in CRM's queue, so the order's trace ends at its publish.
            await Diagnosis.AssertTraceEndsAtAsync(fixture, orderId, SpanNames.Publish(PriceCalculated.MessageType), ResourceNames.MesApi);
            var order = await fixture.ShopApiForSupport.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}");
            Assert.Equal(Submitted, order.GetProperty("status").GetString());

            // Shop.Web's journey page names the stage (from Shop.Api), the service and the cause. It waits for its
            // calls to Crm.Api to give up first (the resilience handler's timeouts), hence a patient client.
            var supportWeb = fixture.AnonymousBrowser();
            supportWeb.Timeout = TimeSpan.FromMinutes(2);
            await ShopWebForms.SignInAsync(supportWeb, fixture.User(Roles.Support));
            var page = await supportWeb.GetStringAsync($"/orders/{orderId}/journey");
            Assert.Contains("data-testid=\"journey-unavailable\"", page, StringComparison.Ordinal);
            Assert.Contains("<strong>crm-api</strong>", page, StringComparison.Ordinal);
            Assert.Contains($"<strong data-testid=\"shop-stage\">{Submitted}</strong>", page, StringComparison.Ordinal);
        }
        finally
        {
            await fixture.App.StartResourceAsync(ResourceNames.CrmApi);
        }

        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.CrmApi).WaitAsync(TimeSpan.FromMinutes(1));
        await _shop.WaitForStatusAsync(orderId, "MANUFACTURING_APPROVED");
    }

    private const string PrometheusResource = "prometheus";

    /// <summary>The ServiceDown rule waits a minute (deploy/prometheus/alerts.yml, as deployed); Alertmanager adds seconds.</summary>
    private static readonly TimeSpan ServiceDownTimeout = TimeSpan.FromMinutes(3);

    /// <summary>A failed scrape and an evaluation (a second each here), with slack for a loaded machine.</summary>
    private static readonly TimeSpan DetectionAllowance = TestSettings.ScrapeInterval * 2 + TimeSpan.FromSeconds(5);

    /// <summary>When Prometheus's ServiceDown alert for <paramref name="job"/> became active, once it is in <paramref name="state"/>.</summary>
    private static async Task<DateTimeOffset?> ServiceDownAsync(HttpClient prometheus, string job, string state) =>
        (await prometheus.GetFromJsonAsync<JsonElement>("/api/v1/alerts")).GetProperty("data").GetProperty("alerts").EnumerateArray()
            .Where(alert => alert.GetProperty("labels").GetProperty("alertname").GetString() == "ServiceDown"
                && alert.GetProperty("labels").GetProperty("job").GetString() == job && alert.GetProperty("state").GetString() == state)
            .Select(alert => (DateTimeOffset?)alert.GetProperty("activeAt").GetDateTimeOffset())
            .FirstOrDefault();
}
