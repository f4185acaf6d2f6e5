-- What the projection needs beyond docs/SCHEMA.md. Every column and index here is listed, with
-- its purpose, in docs/schema-extensions.md (SchemaMatchesDocumentationTest checks the columns).

-- The client that owns the job (tenant isolation in the read API). NULL for jobs produced straight
-- to Kafka without one: those are visible to admins only.
ALTER TABLE automation_jobs ADD COLUMN client_id VARCHAR(255);
-- "My jobs, newest first" for one client stays an index range scan at millions of rows.
CREATE INDEX idx_jobs_client_created ON automation_jobs (client_id, created_at DESC);

-- The sequence of the last job event applied to the row: an event is applied only when its
-- sequence is greater, so replays and duplicates change nothing.
ALTER TABLE automation_jobs ADD COLUMN last_event_seq BIGINT NOT NULL DEFAULT 0;

-- The artifact's SHA-256 (lower-case hex) as the worker computed it, so readers can verify bytes.
ALTER TABLE job_artifacts ADD COLUMN sha256 VARCHAR(64);

-- The id of the job.log event a row came from: a replayed event hits the unique index and is
-- skipped, where SERIAL ids alone would insert it twice.
ALTER TABLE job_logs ADD COLUMN event_id UUID UNIQUE;
