-- Support's alert inbox, in CRM's schema of the Shop DB: every alert Alertmanager notified, firing or resolved.
-- One row per occurrence: Alertmanager's fingerprint names the alert's label set, its start time the occurrence.
-- Idempotent: applied at every start.
CREATE SCHEMA IF NOT EXISTS crm;

CREATE TABLE IF NOT EXISTS crm.support_alerts (
    fingerprint       text        NOT NULL,
    starts_at         timestamptz NOT NULL,
    name              text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('firing', 'resolved')),
    severity          text,
    stage             text,
    service           text,
    summary           text,
    description       text,
    labels            jsonb       NOT NULL,
    ends_at           timestamptz,
    first_notified_at timestamptz NOT NULL,
    last_notified_at  timestamptz NOT NULL,
    PRIMARY KEY (fingerprint, starts_at)
);
-- The inbox's list: firing ones, then those resolved lately.
CREATE INDEX IF NOT EXISTS support_alerts_recent ON crm.support_alerts (status, last_notified_at DESC);
