-- Job limits of an API key's client (issue 19): NULL means no limit.
ALTER TABLE api_keys ADD COLUMN max_concurrent_jobs INTEGER CHECK (max_concurrent_jobs >= 1);
ALTER TABLE api_keys ADD COLUMN max_queued_jobs INTEGER CHECK (max_queued_jobs >= 0);
-- A client's pending jobs are counted at every REST submission when it has a maxQueuedJobs: a
-- partial index keeps that count to the pending rows of the one client.
CREATE INDEX idx_jobs_client_pending ON automation_jobs (client_id) WHERE status = 'pending';
