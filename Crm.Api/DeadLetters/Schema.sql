-- Who sent which dead letter back, in CRM's schema of the Shop DB: the order's journey shows it. Idempotent.
CREATE SCHEMA IF NOT EXISTS crm;

CREATE TABLE IF NOT EXISTS crm.dead_letter_redrives (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id     uuid        NOT NULL,
    message_id   uuid        NOT NULL,
    message_type text        NOT NULL,
    queue        text        NOT NULL,
    reason       text        NOT NULL,
    redriven_by  text        NOT NULL,
    redriven_at  timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS dead_letter_redrives_order ON crm.dead_letter_redrives (order_id, id);
