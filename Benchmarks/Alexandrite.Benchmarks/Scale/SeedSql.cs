namespace Alexandrite.Benchmarks.Scale;

/// <summary>
/// A million orders' worth of history, written by generate_series into the real tables (ShopDatabase/Schema.sql,
/// Mes.Api/Schema.sql) as years of trade leave them: nearly every order CLOSED, about 0.6% open and moving, and
/// 0.04% stuck past their stage's limit (Watchdog:Limits' defaults: SUBMITTED 10 minutes, PRICE_CALCULATED a day,
/// MANUFACTURING_APPROVED two days, SHIPPED fifteen days), one of each stage per 10,000 orders; Crm.Api's auto-close
/// soon closes the SHIPPED ones (14 days after shipping), as it would. Ids are derived from the row number, so Shop
/// DB orders and MES jobs match. No status history is seeded: none of the queries at scale reads it.
/// </summary>
internal static class SeedSql
{
    public const string Orders =
        """
        SET LOCAL synchronous_commit = off;
        WITH seeded AS (
            SELECT g,
                   CASE WHEN g % 10000 = 0 THEN 'SUBMITTED'
                        WHEN g % 10000 = 1 THEN 'PRICE_CALCULATED'
                        WHEN g % 10000 = 2 THEN 'MANUFACTURING_APPROVED'
                        WHEN g % 10000 = 3 THEN 'SHIPPED'
                        WHEN g % 1000 = 4 THEN 'INITIATED'
                        WHEN g % 1000 = 5 THEN 'FILE_UPLOADED'
                        WHEN g % 1000 = 6 THEN 'PRICE_CALCULATED'
                        WHEN g % 1000 = 7 THEN 'MANUFACTURING_STARTED'
                        WHEN g % 1000 = 8 THEN 'PACKAGING'
                        WHEN g % 1000 = 9 THEN 'SHIPPED'
                        WHEN g % 100 = 10 THEN 'CANCELLED'
                        WHEN g % 100 = 11 THEN 'REJECTED'
                        ELSE 'CLOSED' END AS status,
                   CASE WHEN g % 10000 = 0 THEN now() - interval '1 hour'
                        WHEN g % 10000 = 1 THEN now() - interval '2 days'
                        WHEN g % 10000 = 2 THEN now() - interval '3 days'
                        WHEN g % 10000 = 3 THEN now() - interval '20 days'
                        WHEN g % 1000 BETWEEN 4 AND 9 THEN now() - (g % 1000) * interval '1 minute'
                        ELSE now() - (g % 730) * interval '1 day' - (g % 86400) * interval '1 second' END AS entered
            FROM generate_series(1, @Rows) AS g)
        INSERT INTO orders (id, status, material, customer_name, customer_email, customer_phone, customer_address,
                            file_id, file_name, file_format, file_bytes, polygons, volume, price, currency,
                            trace_context, created_at, updated_at, customer_account)
        SELECT md5('benchmark-order-' || g)::uuid, status, 'silver', 'Customer ' || g, 'customer' || g || '@example.com',
               '+44 20 7946 0000', '12 St James''s Square, London',
               'benchmark/' || g || '.stl', 'cube.stl', 'stl', 684, 12, 1000, 82.95, 'EUR',
               jsonb_build_object('traceparent', '00-' || md5('trace-' || g) || '-' || left(md5('span-' || g), 16) || '-01'),
               entered - interval '1 hour', entered, 'benchmark-customer-' || (g % 10000)
        FROM seeded;
        """;

    /// <summary>Manufacturing jobs (1% not yet shipped: the operator's queue) and the price jobs that priced them.</summary>
    public const string Jobs =
        """
        SET LOCAL synchronous_commit = off;
        INSERT INTO manufacturing_jobs (order_id, status, material, price, approved_at, updated_at, operator_id, trace_context)
        SELECT md5('benchmark-order-' || g)::uuid,
               CASE g % 400 WHEN 0 THEN 'MANUFACTURING_APPROVED' WHEN 1 THEN 'MANUFACTURING_STARTED'
                            WHEN 2 THEN 'MANUFACTURING_COMPLETED' WHEN 3 THEN 'PACKAGING' ELSE 'SHIPPED' END,
               'silver', 82.95, approved, approved + interval '2 days', 'operator',
               jsonb_build_object('traceparent', '00-' || md5('trace-' || g) || '-' || left(md5('span-' || g), 16) || '-01')
        FROM generate_series(1, @Rows) AS g, LATERAL (SELECT now() - (g % 730) * interval '1 day' - (g % 86400) * interval '1 second' AS approved) a;
        INSERT INTO price_jobs (order_id, file_id, material, status, attempts, polygons, volume, planned_ms, progress_ms,
                                price, currency, outcome, trace_context, created_at, started_at, finished_at)
        SELECT md5('benchmark-order-' || g)::uuid, 'benchmark/' || g || '.stl', 'silver', 'done', 1, 12, 1000, 10022, 10022,
               82.95, 'EUR', 'ok',
               jsonb_build_object('traceparent', '00-' || md5('trace-' || g) || '-' || left(md5('span-' || g), 16) || '-01'),
               created, created, created + interval '10 seconds'
        FROM generate_series(1, @Rows) AS g, LATERAL (SELECT now() - (g % 730) * interval '1 day' - interval '1 day' AS created) c;
        """;
}
