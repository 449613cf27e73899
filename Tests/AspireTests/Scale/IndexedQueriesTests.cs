using Alexandrite.Contracts;
using Dapper;
using Npgsql;

namespace Alexandrite.AspireTests.Scale;

/// <summary>
/// The queries that run all the time (the watchdog's checks, the stuck list, the operator queue, the calculation loops'
/// claims) read indexes, not whole tables, however many finished orders there are (issue 16). The benchmark times
/// them at a million rows; this checks the plans the running system chooses, through PostgreSQL's own count of
/// sequential scans per table.
/// </summary>
[Collection(ScaledAspireCollection.Name)]
public sealed class IndexedQueriesTests(ScaledAspireFixture fixture)
{
    /// <summary>Finished orders and jobs added to each table: enough that a scan of the whole table is never the cheap plan.</summary>
    private const int FinishedRows = 200_000;

    /// <summary>
    /// How long a backend may keep its table statistics before they are visible to others (PostgreSQL 15 flushes them
    /// at most every second, and an idle backend after 10 s: PGSTAT_IDLE_INTERVAL).
    /// </summary>
    private static readonly TimeSpan StatisticsFlush = TimeSpan.FromSeconds(11);

    [Fact]
    public async Task With_many_finished_orders_no_hot_query_reads_a_whole_table()
    {
        await using var shop = await fixture.OpenDatabaseAsync(ResourceNames.ShopDatabase);
        await using var mes = await fixture.OpenDatabaseAsync(ResourceNames.MesDatabase);
        await SeedFinishedAsync(shop, mes);
        await Task.Delay(StatisticsFlush);
        var shopBefore = await SequentialScansAsync(shop, "orders");
        var mesBefore = await SequentialScansAsync(mes, "price_jobs", "manufacturing_jobs");

        // A few seconds of the system at work: the watchdog checks every 0.5 s, the calculation loops claim the queued job,
        // support reads the stuck list and the operator the queue; one order goes through pricing.
        var orderId = await new ShopClient(fixture).SubmitNewOrderAsync(MeshAnalysis.SampleModels.BinaryStlCube(10), "silver", "cube.stl");
        for (var round = 0; round < 5; round++)
        {
            using var stuck = await fixture.Support.GetAsync("/api/orders/stuck");
            stuck.EnsureSuccessStatusCode();
            using var queue = await fixture.Operator.GetAsync("/api/operator/queue?limit=50");
            queue.EnsureSuccessStatusCode();
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        await new ShopClient(fixture).WaitForStatusAsync(orderId, "MANUFACTURING_APPROVED");
        await Task.Delay(StatisticsFlush);

        Assert.Equal(shopBefore, await SequentialScansAsync(shop, "orders"));
        Assert.Equal(mesBefore, await SequentialScansAsync(mes, "price_jobs", "manufacturing_jobs"));
    }

    /// <summary>Closed orders in the Shop DB and their finished jobs in the MES DB, as a long-running shop has them; then fresh statistics.</summary>
    private static async Task SeedFinishedAsync(NpgsqlConnection shop, NpgsqlConnection mes)
    {
        var seeded = new { Rows = FinishedRows };
        await shop.ExecuteAsync(
            """
            INSERT INTO orders (id, status, material, customer_name, customer_email, customer_phone, customer_address, trace_context,
                                created_at, updated_at, customer_account)
            SELECT gen_random_uuid(), 'CLOSED', 'gold', 'Seeded', 'seeded@example.com', '0', 'Nowhere', '{}'::jsonb,
                   now() - interval '400 days' + g * interval '1 minute', now() - interval '390 days' + g * interval '1 minute', 'seeded'
            FROM generate_series(1, @Rows) g
            """, seeded, commandTimeout: 120);
        await mes.ExecuteAsync(
            """
            WITH finished AS (SELECT gen_random_uuid() AS id, now() - interval '400 days' + g * interval '1 minute' AS at FROM generate_series(1, @Rows) g),
                 priced AS (
                     INSERT INTO price_jobs (order_id, file_id, material, status, attempts, progress_ms, trace_context, created_at, finished_at)
                     SELECT id, 'seeded', 'gold', 'done', 1, 0, '{}'::jsonb, at, at FROM finished)
            INSERT INTO manufacturing_jobs (order_id, status, material, price, approved_at, updated_at, trace_context)
            SELECT id, 'SHIPPED', 'gold', 100, at, at, '{}'::jsonb FROM finished
            """, seeded, commandTimeout: 120);
        await shop.ExecuteAsync("ANALYZE orders", commandTimeout: 120);
        await mes.ExecuteAsync("ANALYZE price_jobs; ANALYZE manufacturing_jobs", commandTimeout: 120);
    }

    private static async Task<Dictionary<string, long>> SequentialScansAsync(NpgsqlConnection connection, params string[] tables) =>
        (await connection.QueryAsync<(string Table, long Scans)>(
            "SELECT relname, seq_scan FROM pg_stat_user_tables WHERE relname = ANY(@tables) AND schemaname = 'public'", new { tables }))
        .ToDictionary(row => row.Table, row => row.Scans, StringComparer.Ordinal);
}
