-- The outbox and inbox of one service, in that service's own database schema (__SCHEMA__).
-- Idempotent: applied at every start.
CREATE SCHEMA IF NOT EXISTS __SCHEMA__;

-- Messages written in the same transaction as the state change they announce; the relay publishes them.
CREATE TABLE IF NOT EXISTS __SCHEMA__.outbox_messages (
    id            uuid        PRIMARY KEY,
    message_type  text        NOT NULL,
    order_id      uuid        NOT NULL,
    payload       jsonb       NOT NULL,
    trace_context jsonb       NOT NULL,
    created_at    timestamptz NOT NULL,
    published_at  timestamptz,
    attempts      integer     NOT NULL DEFAULT 0,
    last_error    text
);
CREATE INDEX IF NOT EXISTS outbox_messages_unpublished ON __SCHEMA__.outbox_messages (created_at) WHERE published_at IS NULL;

-- Deliveries already applied, by message id: a redelivery or a duplicate publish is recognised and skipped.
CREATE TABLE IF NOT EXISTS __SCHEMA__.inbox_messages (
    message_id   uuid        NOT NULL,
    consumer     text        NOT NULL,
    message_type text        NOT NULL,
    order_id     uuid        NOT NULL,
    received_at  timestamptz NOT NULL,
    PRIMARY KEY (message_id, consumer)
);
