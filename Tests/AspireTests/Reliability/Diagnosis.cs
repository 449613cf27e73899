using System.Net.Http.Json;
using System.Text.Json;
using Alexandrite.ServiceDefaults.Telemetry;
using Alexandrite.Testing.Otlp;

namespace Alexandrite.AspireTests.Reliability;

/// <summary>
/// What a diagnosis drill checks once its fault is in (issue: support finds where an order is stuck and why, in
/// minutes): the watchdog reported the order within its stage's limit plus one check; the journey names the stage,
/// the service and the cause; the order's trace ends at its last good span.
/// </summary>
internal static class Diagnosis
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The ActivitySources of Alexandrite's business and messaging spans (ServiceDefaults' TelemetrySources).</summary>
    private const string AlexandriteSources = "Alexandrite.";

    /// <summary>
    /// Slack on top of the limit and the check interval for the watchdog's loop and its query on a loaded two-core
    /// machine; a watchdog that skipped checks (0.5 s apart here) or reported only after the stage's limit twice over
    /// still fails.
    /// </summary>
    private static readonly TimeSpan SchedulingSlack = TimeSpan.FromSeconds(2);

    /// <summary>The journey once the watchdog has reported the order stuck in <paramref name="stage"/>, read as support.</summary>
    public static async Task<JsonElement> WaitForStuckJourneyAsync(AspireFixture fixture, Guid orderId, string stage) =>
        await Eventually.ValueAsync(async () =>
        {
            var journey = await fixture.Support.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}/journey");
            return journey.GetProperty("stuck").ValueKind == JsonValueKind.Object
                && Step(journey, stage).GetProperty("reportedStuckAt").ValueKind != JsonValueKind.Null ? journey : (JsonElement?)null;
        }, Timeout, () => $"Order {orderId} was never reported stuck in {stage}.\n{fixture.DescribeForFailure()}");

    /// <summary>Reported stuck no later than the stage's limit plus one watchdog check after it entered the stage.</summary>
    public static void AssertReportedInTime(JsonElement journey, string stage)
    {
        var step = Step(journey, stage);
        var waited = step.GetProperty("reportedStuckAt").GetDateTimeOffset() - step.GetProperty("enteredAt").GetDateTimeOffset();
        var allowed = TestSettings.SubmittedLimit + TestSettings.WatchdogCheckInterval + SchedulingSlack;
        Assert.True(waited >= TestSettings.SubmittedLimit && waited <= allowed,
            $"Reported stuck {waited} after entering {stage}; the limit is {TestSettings.SubmittedLimit}, one check {TestSettings.WatchdogCheckInterval}.");
    }

    /// <summary>The journey names the stage, the service the order waits on and, in its cause, <paramref name="cause"/>.</summary>
    public static void AssertNames(JsonElement journey, string stage, string service, params string[] cause)
    {
        var stuck = journey.GetProperty("stuck");
        Assert.Equal(stage, stuck.GetProperty("stage").GetString());
        Assert.Equal(service, stuck.GetProperty("ownerService").GetString());
        var said = journey.GetProperty("cause").GetString() ?? "";
        Assert.All(cause, part => Assert.Contains(part, said, StringComparison.Ordinal));
    }

    /// <summary>
    /// The order's trace (from its first status) ends at <paramref name="lastGood"/> in <paramref name="service"/>: of
    /// its business, messaging and storage spans (the watchdog's report aside), that is the last to begin that did not
    /// fail, and any that began after it failed and is named in <paramref name="failingAfter"/>.
    /// </summary>
    public static async Task AssertTraceEndsAtAsync(
        AspireFixture fixture, Guid orderId, string lastGood, string service, params string[] failingAfter)
    {
        var traceId = (await fixture.ShopApiForSupport.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}")).GetProperty("history")[0].GetProperty("traceId").GetString()!;
        var spans = await fixture.Telemetry.WaitForSpansAsync(
            all => all.InTrace(traceId).Any(span => span.Name == lastGood && span.ServiceName == service), TraceAssertions.TelemetryTimeout);
        var steps = spans.InTrace(traceId)
            .Where(span => span.ScopeName.StartsWith(AlexandriteSources, StringComparison.Ordinal) && span.Name != SpanNames.ReportStuckOrder)
            .OrderBy(span => span.StartTime)
            .ToList();
        // The last good step is the one that began last (a consumer span ends after the steps inside it).
        var last = steps.Where(span => span.StatusCode != ReceivedStatusCode.Error).MaxBy(span => span.StartTime)!;
        Assert.True(last.Name == lastGood && last.ServiceName == service,
            $"The trace's last good span is {last.ServiceName} {last.Name}, not {service} {lastGood}: {Describe(steps)}");
        var after = steps.Where(span => span.StartTime > last.StartTime).ToList();
        Assert.All(after, span => Assert.True(span.StatusCode == ReceivedStatusCode.Error && failingAfter.Contains(span.Name),
            $"After {lastGood} the trace has {span.ServiceName} {span.Name} ({span.StatusCode}): {Describe(steps)}"));
    }

    private static JsonElement Step(JsonElement journey, string stage) =>
        journey.GetProperty("steps").EnumerateArray().Last(step => step.GetProperty("status").GetString() == stage);

    private static string Describe(IEnumerable<ReceivedSpan> spans) =>
        string.Join(", ", spans.Select(span => $"{span.ServiceName} {span.Name} {span.StatusCode}"));
}
