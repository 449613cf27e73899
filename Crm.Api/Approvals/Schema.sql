-- CRM's own tables, in its own schema of the Shop DB. Idempotent: applied at every start.
CREATE SCHEMA IF NOT EXISTS crm;

-- Every price MES calculated and what became of it: approved (by whom, or automatically) or rejected.
CREATE TABLE IF NOT EXISTS crm.price_quotes (
    order_id   uuid           PRIMARY KEY,
    price      numeric(12, 2) NOT NULL,
    currency   text           NOT NULL,
    quoted_at  timestamptz    NOT NULL,
    decision   text,                        -- approved, rejected
    decided_by text,
    decided_at timestamptz
);
