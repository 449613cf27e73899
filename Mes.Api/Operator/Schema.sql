-- MES DB: the manufacturing jobs Mes.Api owns. Idempotent: applied at every start.
CREATE TABLE IF NOT EXISTS manufacturing_jobs (
    order_id    uuid        PRIMARY KEY,
    status      text        NOT NULL,
    material    text        NOT NULL,
    approved_at timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
