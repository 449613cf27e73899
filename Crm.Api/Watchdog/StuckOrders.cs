using Alexandrite.Contracts;
using Alexandrite.ServiceDefaults.Clients;
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
    /// <summary>The stuck list's page size when the caller names none, and the largest it serves.</summary>
    public const int DefaultPageSize = 50;

    public const int MaxPageSize = 200;

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

    /// <summary>
    /// A page of the orders past their stage's limit now, longest waiting first (since, then id), after
    /// <paramref name="after"/>. Each watched stage is read as its own index range in that order and stops at the
    /// page's size, so a page costs the same at a million orders with thousands stuck as with a few: the whole list
    /// at once was 400 rows fetched, sorted and serialized per call, p95 33 ms (issue 16's goal: 20 ms).
    /// </summary>
    public async Task<(IReadOnlyList<OrderInStage> Orders, bool More)> ListAsync(
        IReadOnlyDictionary<OrderStatus, TimeSpan> limits, DateTimeOffset now, int limit, StuckListCursor? after, CancellationToken cancellationToken)
    {
        var parameters = Parameters(limits, now, new { Take = limit + 1, AfterSince = after?.Since, AfterId = after?.OrderId });
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<StuckRow>(new CommandDefinition(
            $"""
            SELECT s.OrderId, s.Stage, s.Since, l.time_limit AS TimeLimit, s.TraceContext
            FROM unnest(@Stages::text[], @Limits::interval[]) AS l(stage, time_limit)
            CROSS JOIN LATERAL (
                SELECT o.id AS OrderId, o.status AS Stage, o.updated_at AS Since, o.trace_context::text AS TraceContext
                FROM orders o
                WHERE o.status = l.stage AND o.updated_at < @Now - l.time_limit
                {(after is null ? "" : "AND o.updated_at >= @AfterSince AND (o.updated_at, o.id) > (@AfterSince, @AfterId)")}
                ORDER BY o.updated_at, o.id
                LIMIT @Take) s
            ORDER BY s.Since, s.OrderId
            LIMIT @Take
            """,
            parameters,
            cancellationToken: cancellationToken))).AsList();
        var (page, more) = KeysetPage.Of(rows, limit);
        return (page.Select(row => row.ToOrderInStage()).ToList(), more);
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
