-- CRM's own tables, in its own schema of the Shop DB. Idempotent: applied at every start.
CREATE SCHEMA IF NOT EXISTS crm;
CREATE TABLE IF NOT EXISTS crm.price_quotes (
    order_id    uuid           PRIMARY KEY,
    price       numeric(12, 2) NOT NULL,
    currency    text           NOT NULL,
    quoted_at   timestamptz    NOT NULL,
    decided_at  timestamptz
);
