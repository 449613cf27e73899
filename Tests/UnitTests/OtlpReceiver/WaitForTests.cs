using Alexandrite.Testing.Otlp;
using Alexandrite.Testing.Otlp.Wire;
using static Alexandrite.UnitTests.Otlp.WireRequests;

namespace Alexandrite.UnitTests.Otlp;

/// <summary>WaitFor… returns consistent snapshots as data arrives, and explains itself when nothing matching does.</summary>
public sealed class WaitForTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task TimeoutCountsTheSpansThatDidArriveByServiceAndName()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await OtlpHttp.PostAsync(receiver, OtlpPaths.Traces, Traces("svc-a", ServerSpan("GET /a"), ServerSpan("GET /a")));
        await OtlpHttp.PostAsync(receiver, OtlpPaths.Traces, Traces("svc-b", ServerSpan("op")));

        var error = await Assert.ThrowsAsync<TimeoutException>(
            () => receiver.WaitForSpansAsync(s => s.Any(span => span.Name == "GET /missing"), Short));

        Assert.Contains("Received 3 spans", error.Message, StringComparison.Ordinal);
        Assert.Contains("svc-a | Server | GET /a × 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("svc-b | Server | op × 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogAndMetricWaitsTimeOutToo()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await OtlpHttp.PostAsync(receiver, OtlpPaths.Logs, Logs("svc-log", new LogRecord { SeverityText = "Error" }));

        var logError = await Assert.ThrowsAsync<TimeoutException>(() => receiver.WaitForLogRecordsAsync(r => r.Count > 1, Short));
        var metricError = await Assert.ThrowsAsync<TimeoutException>(() => receiver.WaitForMetricPointsAsync(p => p.Count > 0, Short));

        Assert.Contains("svc-log | hand-made | Error × 1", logError.Message, StringComparison.Ordinal);
        Assert.Contains("Received no metric points at all.", metricError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitReturnsTheSnapshotOnceDataArrives()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var wait = receiver.WaitForSpansAsync(s => s.Any(span => span.Name == "late"), TimeSpan.FromMinutes(1));
        Assert.False(wait.IsCompleted);

        await OtlpHttp.PostAsync(receiver, OtlpPaths.Traces, Traces("svc", ServerSpan("early")));
        await OtlpHttp.PostAsync(receiver, OtlpPaths.Traces, Traces("svc", ServerSpan("late")));

        // Woken by the arrival itself, not by its own timeout running out.
        var spans = await wait.WaitAsync(ExporterOptions.Patience);
        Assert.Equal(["early", "late"], spans.Select(s => s.Name));
    }

    [Fact]
    public async Task CancellationIsNotReportedAsATimeout()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        using var cancellation = new CancellationTokenSource();
        var wait = receiver.WaitForSpansAsync(s => s.Count > 0, ExporterOptions.Patience, cancellation.Token);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }

    [Fact]
    public async Task SnapshotsDoNotChangeWhenMoreDataArrives()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await OtlpHttp.PostAsync(receiver, OtlpPaths.Traces, Traces("svc", ServerSpan("first")));
        var before = receiver.Spans;

        await OtlpHttp.PostAsync(receiver, OtlpPaths.Traces, Traces("svc", ServerSpan("second")));

        Assert.Single(before);
        Assert.Equal(2, receiver.Spans.Count);
    }
}
