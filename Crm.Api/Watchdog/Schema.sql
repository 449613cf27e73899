-- The watchdog's memory, in CRM's schema of the Shop DB. Idempotent: applied at every start.
CREATE SCHEMA IF NOT EXISTS crm;

-- Each time an order was found past its stage's limit: one row per order and stage (the lifecycle never returns
-- to a stage), so a breach is logged and traced once, whatever the restarts and however many instances watch.
CREATE TABLE IF NOT EXISTS crm.order_breaches (
    order_id    uuid        NOT NULL,
    status      text        NOT NULL,
    entered_at  timestamptz NOT NULL,
    time_limit  interval    NOT NULL,
    breached_at timestamptz NOT NULL,
    PRIMARY KEY (order_id, status)
);
