-- Shop DB: orders and their status history. Applied by Shop.Api and by Crm.Api, which writes order status here
-- too, through the same OrderStatusStore. Idempotent: applied at every start.
CREATE TABLE IF NOT EXISTS orders (
    id               uuid           PRIMARY KEY,
    status           text           NOT NULL,
    status_reason    text,
    material         text           NOT NULL,
    customer_name    text           NOT NULL,
    customer_email   text           NOT NULL,
    customer_phone   text           NOT NULL,
    customer_address text           NOT NULL,
    file_id          text,
    file_name        text,
    file_format      text,
    file_bytes       bigint,
    polygons         bigint,
    volume           double precision,
    price            numeric(12, 2),
    currency         text,
    trace_context    jsonb          NOT NULL,   -- the order's trace: W3C context of its CreateOrder span
    created_at       timestamptz    NOT NULL,
    updated_at       timestamptz    NOT NULL
);
CREATE INDEX IF NOT EXISTS orders_status ON orders (status, updated_at);

-- The customer account that placed the order (the access token's subject): a customer sees and acts on their own
-- orders only. Orders from before accounts have none and belong to no customer.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS customer_account text;
CREATE INDEX IF NOT EXISTS orders_customer_account ON orders (customer_account, created_at DESC, id DESC);

-- Every status an order ever had: from, to, when, which service set it, who, and in which trace.
CREATE TABLE IF NOT EXISTS order_status_history (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id    uuid        NOT NULL REFERENCES orders (id),
    from_status text,
    to_status   text        NOT NULL,
    changed_at  timestamptz NOT NULL,
    changed_by  text        NOT NULL,
    actor_id    text        NOT NULL,
    reason      text,
    trace_id    text
);
CREATE INDEX IF NOT EXISTS order_status_history_order ON order_status_history (order_id, id);
