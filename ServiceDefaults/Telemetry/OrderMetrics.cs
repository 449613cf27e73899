using System.Diagnostics;
using System.Diagnostics.Metrics;
using Alexandrite.Contracts;

namespace Alexandrite.ServiceDefaults.Telemetry;

/// <summary>
/// The order metrics, on the "Alexandrite.Orders" meter (<see cref="AlexandriteTelemetry.Meter"/>): where orders
/// are, how long they stay, which are stuck, how long pricing takes.
/// </summary>
/// <remarks>
/// Names follow the OpenTelemetry metric conventions (https://opentelemetry.io/docs/specs/semconv/general/metrics/
/// and https://opentelemetry.io/docs/specs/semconv/general/naming/#metrics): the application's own namespace
/// first (not a semantic-convention namespace), units in the unit field in UCUM ("s", "{order}"), counters of
/// countable things in the plural, UpDownCounters as ".count", never "total". Prometheus sees them as the
/// OTLP-to-Prometheus translation writes them
/// (https://opentelemetry.io/docs/specs/otel/compatibility/prometheus_and_openmetrics/#otlp-metric-points-to-prometheus):
/// dots become underscores, the unit becomes a suffix (_seconds; "{...}" annotations are dropped), monotonic
/// counters end in _total, histograms become _bucket, _sum and _count. The README lists every name both ways;
/// deploy/prometheus/alerts.yml uses the Prometheus names and an end-to-end test checks them against what the
/// services emit.
/// </remarks>
public static class OrderMetrics
{
    /// <summary>Counter, {transition}: every status change, by from and to. Prometheus: alexandrite_order_status_transitions_total.</summary>
    public const string StatusTransitions = "alexandrite.order.status.transitions";

    /// <summary>Histogram, s: time an order spent in a status, recorded when it leaves it. Prometheus: alexandrite_order_status_duration_seconds.</summary>
    public const string StatusDuration = "alexandrite.order.status.duration";

    /// <summary>UpDownCounter (observed), {order}: open orders by stage and age band. Prometheus: alexandrite_order_count.</summary>
    public const string OrderCount = "alexandrite.order.count";

    /// <summary>UpDownCounter (observed), {order}: orders past their stage's time limit, by stage and owner. Prometheus: alexandrite_order_stuck_count.</summary>
    public const string StuckOrderCount = "alexandrite.order.stuck.count";

    /// <summary>Histogram, s: the price calculation's length, by polygon band and outcome. Prometheus: alexandrite_price_calculation_duration_seconds.</summary>
    public const string PriceCalculationDuration = "alexandrite.price_calculation.duration";

    /// <summary>Where the age bands of <see cref="OrderCount"/> start, after the first (which starts at zero).</summary>
    public static readonly IReadOnlyList<TimeSpan> AgeBandBounds =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), TimeSpan.FromDays(1)];

    /// <summary>
    /// The age bands, one more than <see cref="AgeBandBounds"/>. Ten minutes is a bound because the alert on
    /// orders in SUBMITTED for over ten minutes needs it; the labels hold no regex characters, so a rule can
    /// select several with =~"10m_to_1h|1h_to_1d|over_1d".
    /// </summary>
    public static readonly IReadOnlyList<string> AgeBands = ["under_1m", "1m_to_10m", "10m_to_1h", "1h_to_1d", "over_1d"];

    private static readonly Counter<long> Transitions = AlexandriteTelemetry.Meter.CreateCounter<long>(
        StatusTransitions, "{transition}", "Order status changes, by from and to status.");

    private static readonly Histogram<double> TimeInStatus = AlexandriteTelemetry.Meter.CreateHistogram(
        StatusDuration, "s", "Time an order spent in a status, recorded when it leaves it; by from and to status.",
        advice: new InstrumentAdvice<double>
        {
            // From a second (an automatic step) to a month (a piece waiting to be closed); the SDK's default
            // buckets stop at 10,000 s, which would put every manual step in one bucket.
            HistogramBucketBoundaries = [0.1, 1, 5, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 43200, 86400, 172800, 345600, 604800, 1209600, 2592000],
        });

    private static readonly Histogram<double> PriceCalculation = AlexandriteTelemetry.Meter.CreateHistogram(
        PriceCalculationDuration, "s", "Length of the price calculation (simulated time), by polygon band and outcome.",
        advice: new InstrumentAdvice<double>
        {
            // A calculation takes 10 s plus 1.8 ms a polygon, up to 30 minutes; 900 s is the alerting threshold.
            HistogramBucketBoundaries = [10, 15, 30, 60, 120, 300, 600, 900, 1200, 1500, 1800, 2700, 3600],
        });

    private static Measurement<long>[] _orderCounts = [];
    private static Measurement<long>[] _stuckCounts = [];

    // Created on the first report, so only the service that watches orders (Crm.Api) exports them.
    private static readonly Lazy<ObservableUpDownCounter<long>[]> OpenOrderInstruments = new(() =>
    [
        AlexandriteTelemetry.Meter.CreateObservableUpDownCounter(
            OrderCount, () => Volatile.Read(ref _orderCounts), "{order}", "Open orders, by stage (current status) and how long they have been in it."),
        AlexandriteTelemetry.Meter.CreateObservableUpDownCounter(
            StuckOrderCount, () => Volatile.Read(ref _stuckCounts), "{order}", "Orders past their stage's time limit, by stage and the service they wait on."),
    ]);

    /// <summary>Counts one status change and, when the order had a status before, the time it spent there.</summary>
    public static void RecordTransition(OrderStatus? from, OrderStatus to, TimeSpan? timeInFrom)
    {
        var tags = new TagList { { SemanticAttributes.OrderStatusTo, to.ToName() } };
        if (from is { } previous)
        {
            tags.Add(SemanticAttributes.OrderStatusFrom, previous.ToName());
        }

        Transitions.Add(1, tags);
        if (from is not null && timeInFrom is { } spent)
        {
            TimeInStatus.Record(Math.Max(0, spent.TotalSeconds), tags);
        }
    }

    /// <summary>Records a finished (or timed-out) price calculation.</summary>
    public static void RecordPriceCalculation(TimeSpan duration, long polygons, string outcome) =>
        PriceCalculation.Record(
            duration.TotalSeconds,
            new KeyValuePair<string, object?>(SemanticAttributes.OrderPolygonBand, PolygonBand(polygons)),
            new KeyValuePair<string, object?>(SemanticAttributes.OrderOutcome, outcome));

    /// <summary>The model's size class: a bounded set of values, where the exact count would make a series per model.</summary>
    public static string PolygonBand(long polygons) => polygons switch
    {
        < 1_000 => "under_1k",
        < 10_000 => "1k_to_10k",
        < 100_000 => "10k_to_100k",
        < 1_000_000 => "100k_to_1M",
        _ => "over_1M",
    };

    /// <summary>The index in <see cref="AgeBands"/> of an order that has been <paramref name="age"/> in its stage.</summary>
    public static int AgeBandOf(TimeSpan age) => AgeBandBounds.Count(bound => age >= bound);

    /// <summary>
    /// Replaces what <see cref="OrderCount"/> and <see cref="StuckOrderCount"/> report. Every open stage and band,
    /// and every watched stage, is reported, with zero where nothing is counted, so a series never vanishes when
    /// its orders move on (a rule would see "no data" rather than 0).
    /// </summary>
    /// <param name="counts">Open orders by stage and age band (an index in <see cref="AgeBands"/>), and how many are stuck.</param>
    /// <param name="watchedStages">The stages that have a time limit.</param>
    public static void ReportOpenOrders(IEnumerable<OpenOrderCount> counts, IEnumerable<OrderStatus> watchedStages)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var all = counts.ToList();
        var orderCounts =
            from stage in Enum.GetValues<OrderStatus>().Where(status => !OrderLifecycle.IsFinal(status))
            from band in Enumerable.Range(0, AgeBands.Count)
            select new Measurement<long>(
                all.Where(count => count.Stage == stage && count.AgeBand == band).Sum(count => count.Orders),
                new KeyValuePair<string, object?>(SemanticAttributes.OrderStageName, stage.ToName()),
                new KeyValuePair<string, object?>(SemanticAttributes.OrderStageAgeBand, AgeBands[band]));
        var stuckCounts =
            from stage in watchedStages
            select new Measurement<long>(
                all.Where(count => count.Stage == stage).Sum(count => count.Stuck),
                new KeyValuePair<string, object?>(SemanticAttributes.OrderStageName, stage.ToName()),
                new KeyValuePair<string, object?>(SemanticAttributes.OrderStageOwner, OrderLifecycle.StageOwnerOf(stage)));

        Volatile.Write(ref _orderCounts, orderCounts.ToArray());
        Volatile.Write(ref _stuckCounts, stuckCounts.ToArray());
        _ = OpenOrderInstruments.Value;
    }
}

/// <summary>How many open orders are in <paramref name="Stage"/> within one age band, and how many of those are past the stage's limit.</summary>
public readonly record struct OpenOrderCount(OrderStatus Stage, int AgeBand, long Orders, long Stuck);
