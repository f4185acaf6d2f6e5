-- Per-API-key token buckets of the ingest-api's rate limiter (Bucket4j's PostgreSQL proxy manager).
-- The one table the projector does not write: it is shared request-counting state of the API
-- replicas, not a projection of any topic. Listed in docs/schema-extensions.md.
CREATE TABLE api_rate_limit_buckets (
    id         VARCHAR(64) PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);
