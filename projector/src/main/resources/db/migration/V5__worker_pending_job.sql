-- The job a worker's latest heartbeat names while that job's row is not projected yet; the job's
-- row, once put, takes it over as current_job_id (see docs/schema-extensions.md).
ALTER TABLE browser_workers ADD COLUMN pending_job_id UUID;
CREATE INDEX idx_workers_pending_job ON browser_workers (pending_job_id)
    WHERE pending_job_id IS NOT NULL;
