using Alexandrite.Testing.Otlp;

namespace Alexandrite.UnitTests.Otlp;

/// <summary>OTLP metric names as Prometheus names them (the examples are the specification's and the services' own).</summary>
public sealed class PrometheusNamesTests
{
    [Theory]
    [InlineData("http.server.request.duration", "s", ReceivedMetricKind.Histogram, false, "http_server_request_duration_seconds_bucket")]
    [InlineData("alexandrite.order.status.transitions", "{transition}", ReceivedMetricKind.Sum, true, "alexandrite_order_status_transitions_total")]
    [InlineData("alexandrite.order.count", "{order}", ReceivedMetricKind.Sum, false, "alexandrite_order_count")]
    [InlineData("alexandrite.messaging.outbox.oldest_age", "s", ReceivedMetricKind.Gauge, false, "alexandrite_messaging_outbox_oldest_age_seconds")]
    [InlineData("system.memory.utilization", "1", ReceivedMetricKind.Gauge, false, "system_memory_utilization_ratio")]
    [InlineData("kestrel.queued_connections", "{connection}", ReceivedMetricKind.Sum, false, "kestrel_queued_connections")]
    [InlineData("process.cpu.time", "s", ReceivedMetricKind.Sum, true, "process_cpu_time_seconds_total")]
    [InlineData("request.size", "By", ReceivedMetricKind.Sum, true, "request_size_bytes_total")]
    [InlineData("speed", "m/s", ReceivedMetricKind.Gauge, false, "speed_meters_per_second")]
    [InlineData("queue.wait_seconds", "s", ReceivedMetricKind.Gauge, false, "queue_wait_seconds")]
    public void A_metric_gets_underscores_its_unit_and_its_type_suffix(string name, string unit, ReceivedMetricKind kind, bool monotonic, string expected) =>
        Assert.Equal(expected, PrometheusNames.Of(name, unit, kind, monotonic)[0]);

    [Fact]
    public void A_histogram_is_a_family_of_bucket_sum_and_count()
    {
        Assert.Equal(
            ["alexandrite_messaging_queue_delay_seconds_bucket", "alexandrite_messaging_queue_delay_seconds_sum", "alexandrite_messaging_queue_delay_seconds_count"],
            PrometheusNames.Of("alexandrite.messaging.queue.delay", "s", ReceivedMetricKind.Histogram, isMonotonic: false));
    }
}
