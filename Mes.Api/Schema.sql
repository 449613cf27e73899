-- MES DB: price calculations and manufacturing jobs, owned by Mes.Api. Idempotent: applied at every start.

-- A price calculation, persisted before its message is acknowledged so that a calculation longer than
-- RabbitMQ's consumer timeout (30 minutes by default) never holds a delivery; the worker resumes it from
-- progress_ms after a restart, once the lease of the process that ran it has expired.
CREATE TABLE IF NOT EXISTS price_jobs (
    order_id       uuid           PRIMARY KEY,
    file_id        text           NOT NULL,
    material       text           NOT NULL,
    status         text           NOT NULL,   -- pending, running, done, failed
    attempts       integer        NOT NULL DEFAULT 0,
    polygons       bigint,
    volume         double precision,
    planned_ms     bigint,
    progress_ms    bigint         NOT NULL DEFAULT 0,
    lease_until    timestamptz,
    price          numeric(12, 2),
    currency       text,
    outcome        text,                      -- ok, fail, timeout
    failure_reason text,
    trace_context  jsonb          NOT NULL,
    created_at     timestamptz    NOT NULL,
    started_at     timestamptz,
    finished_at    timestamptz
);
CREATE INDEX IF NOT EXISTS price_jobs_open ON price_jobs (created_at) WHERE status IN ('pending', 'running');

-- Why an open calculation waits to be tried again (its model unreadable from storage...), and since when: support's
-- journey shows it (GET /api/price-jobs/{orderId}). Cleared when the job ends.
ALTER TABLE price_jobs ADD COLUMN IF NOT EXISTS last_problem    text;
ALTER TABLE price_jobs ADD COLUMN IF NOT EXISTS last_problem_at timestamptz;

-- Which Mes.Api process took the job last (host/pid): several instances share the table, each job claimed by one.
ALTER TABLE price_jobs ADD COLUMN IF NOT EXISTS claimed_by      text;

-- Approved orders on the shop floor; status follows the order lifecycle from MANUFACTURING_APPROVED to SHIPPED.
-- (The operator queue's index follows the table.)
CREATE TABLE IF NOT EXISTS manufacturing_jobs (
    order_id    uuid           PRIMARY KEY,
    status      text           NOT NULL,
    material    text           NOT NULL,
    price       numeric(12, 2) NOT NULL,
    approved_at timestamptz    NOT NULL,
    updated_at  timestamptz    NOT NULL,
    operator_id text,
    trace_context jsonb        NOT NULL   -- the order's trace, so each operator step joins it
);

-- The operator's queue, paged by (approved_at, order_id) over the jobs not yet shipped: the shipped ones, nearly all
-- of them in time, stay out of the index. 'SHIPPED' is OrderStatus.Shipped's name (ManufacturingJobs.QueueAsync).
CREATE INDEX IF NOT EXISTS manufacturing_jobs_queue ON manufacturing_jobs (approved_at, order_id) WHERE status <> 'SHIPPED';

