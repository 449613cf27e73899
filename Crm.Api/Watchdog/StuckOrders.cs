using Alexandrite.Contracts;
using Alexandrite.ServiceDefaults.Telemetry;
using Dapper;
using Npgsql;
using OpenTelemetry;

namespace Alexandrite.Crm.Api.Watchdog;

/// <summary>
/// The watchdog's queries on the Shop DB: orders past their stage's limit, the breaches already reported, and
/// one grouped count of open orders for the gauges. A stage's start is orders.updated_at, which changes only
/// with the status (OrderStatusStore), so the (status, updated_at) index serves them all.
/// </summary>
internal sealed class StuckOrders(NpgsqlDataSource dataSource)
{
    /// <summary>Most orders the list returns (oldest first): enough for support, bounded for the API.</summary>
    public const int MaxListed = 1000;

    /// <summary>
    /// The orders whose stage has a limit they are past; @Stages and @Limits are the watched stages. The join alone
    /// was planned as a scan of every order (200 ms at a million, nearly all closed): the planner cannot see which
    /// statuses unnest yields. Naming them (status = ANY) lets it read only the watched stages from orders_status,
    /// one index range per stage: a few milliseconds at a million orders with a few dozen stuck (the benchmark measures it).
    /// </summary>
    private const string PastLimit =
        """
        FROM orders o
        JOIN unnest(@Stages::text[], @Limits::interval[]) AS l(stage, time_limit) ON l.stage = o.status
        WHERE o.status = ANY(@Stages::text[]) AND o.updated_at < @Now - l.time_limit
        """;

    /// <summary>Open orders by stage and age band, and how many of them are stuck: one grouped query.</summary>
    public async Task<IReadOnlyList<OpenOrderCount>> CountOpenAsync(IReadOnlyDictionary<OrderStatus, TimeSpan> limits, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // width_bucket counts the bounds at or below the age: the index of the band in OrderMetrics.AgeBands.
        var rows = await QueryUntracedAsync<OpenCountRow>(
            """
            SELECT o.status AS Stage,
                   width_bucket(extract(epoch FROM @Now - o.updated_at)::double precision, @Bounds) AS AgeBand,
                   count(*) AS Orders,
                   count(*) FILTER (WHERE o.updated_at < @Now - l.time_limit) AS Stuck
            FROM orders o
            LEFT JOIN unnest(@Stages::text[], @Limits::interval[]) AS l(stage, time_limit) ON l.stage = o.status
            WHERE o.status = ANY(@Open)
            GROUP BY 1, 2
            """,
            Parameters(limits, now, new
            {
                Bounds = OrderMetrics.AgeBandBounds.Select(bound => bound.TotalSeconds).ToArray(),
                Open = Enum.GetValues<OrderStatus>().Where(status => !OrderLifecycle.IsFinal(status)).Select(status => status.ToName()).ToArray(),
            }),
            cancellationToken);
        return rows.Select(row => new OpenOrderCount(OrderStatusNames.Parse(row.Stage), row.AgeBand, row.Orders, row.Stuck)).ToList();
    }

    /// <summary>
    /// Remembers every order newly past its limit and returns those, so each breach is reported once: the insert
    /// and the check are one statement, and a breach already remembered is skipped by the primary key.
    /// </summary>
    public async Task<IReadOnlyList<OrderInStage>> RecordBreachesAsync(IReadOnlyDictionary<OrderStatus, TimeSpan> limits, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await QueryUntracedAsync<StuckRow>(
            $"""
            WITH breached AS (
                INSERT INTO crm.order_breaches (order_id, status, entered_at, time_limit, breached_at)
                SELECT o.id, o.status, o.updated_at, l.time_limit, @Now
                {PastLimit}
                ON CONFLICT (order_id, status) DO NOTHING
                RETURNING order_id, status, entered_at, time_limit)
            SELECT b.order_id AS OrderId, b.status AS Stage, b.entered_at AS Since, b.time_limit AS TimeLimit, o.trace_context::text AS TraceContext
            FROM breached b JOIN orders o ON o.id = b.order_id
            """,
            Parameters(limits, now),
            cancellationToken);
        return rows.Select(row => row.ToOrderInStage()).ToList();
    }

    /// <summary>The orders past their stage's limit now, longest waiting first.</summary>
    public async Task<IReadOnlyList<OrderInStage>> ListAsync(IReadOnlyDictionary<OrderStatus, TimeSpan> limits, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<StuckRow>(new CommandDefinition(
            $"""
            SELECT o.id AS OrderId, o.status AS Stage, o.updated_at AS Since, l.time_limit AS TimeLimit, o.trace_context::text AS TraceContext
            {PastLimit}
            ORDER BY o.updated_at
            LIMIT {MaxListed}
            """,
            Parameters(limits, now),
            cancellationToken: cancellationToken));
        return rows.Select(row => row.ToOrderInStage()).ToList();
    }

    /// <summary>When the watchdog reported each stage of the order it found stuck, by status name.</summary>
    public static async Task<IReadOnlyDictionary<string, DateTimeOffset>> BreachesAsync(NpgsqlConnection connection, Guid orderId, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(string Stage, DateTime BreachedAt)>(new CommandDefinition(
            "SELECT status, breached_at FROM crm.order_breaches WHERE order_id = @orderId",
            new { orderId },
            cancellationToken: cancellationToken));
        return rows.ToDictionary(row => row.Stage, row => Utc(row.BreachedAt), StringComparer.Ordinal);
    }

    private static DynamicParameters Parameters(IReadOnlyDictionary<OrderStatus, TimeSpan> limits, DateTimeOffset now, object? more = null)
    {
        var parameters = new DynamicParameters(more);
        parameters.Add("Stages", limits.Keys.Select(stage => stage.ToName()).ToArray());
        parameters.Add("Limits", limits.Values.ToArray());
        parameters.Add("Now", now);
        return parameters;
    }

    /// <summary>The watchdog's periodic queries are not operations on an order: untraced, or every check would be a trace of its own.</summary>
    private async Task<IReadOnlyList<T>> QueryUntracedAsync<T>(string sql, DynamicParameters parameters, CancellationToken cancellationToken)
    {
        using var untraced = SuppressInstrumentationScope.Begin();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).AsList();
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private sealed record OpenCountRow(string Stage, int AgeBand, long Orders, long Stuck);

    private sealed record StuckRow(Guid OrderId, string Stage, DateTime Since, TimeSpan TimeLimit, string TraceContext)
    {
        public OrderInStage ToOrderInStage() => new(OrderId, OrderStatusNames.Parse(Stage), Utc(Since), TimeLimit, TraceCarrier.ExtractFromJson(TraceContext).Context);
    }
}
