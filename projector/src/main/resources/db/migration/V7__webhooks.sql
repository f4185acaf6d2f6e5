-- Completion webhooks (issue 19). See docs/schema-extensions.md.

-- Every attempt of every webhook delivery, projected from bf.webhook-deliveries.
CREATE TABLE webhook_deliveries (
    delivery_id     UUID        NOT NULL,
    attempt         INTEGER     NOT NULL,
    job_id          UUID        NOT NULL,
    attempted_at    TIMESTAMP   NOT NULL,
    status_code     INTEGER     NULL,
    error           TEXT        NULL,
    duration_ms     BIGINT      NOT NULL,
    outcome         VARCHAR(20) NOT NULL,
    next_attempt_at TIMESTAMP   NULL,
    PRIMARY KEY (delivery_id, attempt)
);

CREATE INDEX idx_webhook_deliveries_job ON webhook_deliveries (job_id, attempted_at);

-- The callback of each job that has one and has not ended yet: the delivery component's own note,
-- written when it reads the job's job.accepted and deleted once the job's delivery is scheduled.
CREATE TABLE webhook_subscriptions (
    job_id       UUID      PRIMARY KEY,
    callback_url TEXT      NOT NULL,
    key_id       UUID      NOT NULL,
    created_at   TIMESTAMP NOT NULL
);
