-- The documented schema of docs/SCHEMA.md, reproduced exactly: every table, column, type, length,
-- NOT NULL, DEFAULT, UNIQUE, foreign key and the 16 named indexes. SchemaMatchesDocumentationTest
-- parses SCHEMA.md and fails on any drift, so change the two together or not at all. Anything the
-- projection needs beyond it lives in later migrations and docs/schema-extensions.md.
--
-- TIMESTAMP is "timestamp without time zone" and holds UTC: the projector always writes explicit
-- UTC values taken from the events; the NOW() defaults are SCHEMA.md's and only matter to rows
-- written by hand.

CREATE TABLE browser_types (
    id              SERIAL PRIMARY KEY,
    name            VARCHAR(50) NOT NULL UNIQUE,
    type            VARCHAR(20) NOT NULL,
    device_type     VARCHAR(20) DEFAULT 'desktop',
    user_agent      TEXT,
    viewport_width  INTEGER,
    viewport_height INTEGER,
    is_active       BOOLEAN DEFAULT true,
    created_at      TIMESTAMP DEFAULT NOW(),
    updated_at      TIMESTAMP DEFAULT NOW()
);

CREATE INDEX idx_browser_types_name ON browser_types (name);

CREATE TABLE automation_jobs (
    id              UUID PRIMARY KEY,
    browser_type_id INTEGER REFERENCES browser_types (id),
    target_url      TEXT NOT NULL,
    actions         JSONB NOT NULL,
    wait_until      VARCHAR(20) DEFAULT 'networkidle',
    status          VARCHAR(20) DEFAULT 'pending',
    priority        INTEGER DEFAULT 0,
    retry_count     INTEGER DEFAULT 0,
    max_retries     INTEGER DEFAULT 3,
    timeout_ms      INTEGER DEFAULT 30000,
    created_at      TIMESTAMP DEFAULT NOW(),
    started_at      TIMESTAMP,
    completed_at    TIMESTAMP,
    error_message   TEXT,
    result          JSONB,
    updated_at      TIMESTAMP DEFAULT NOW()
);

CREATE INDEX idx_jobs_status ON automation_jobs (status);
CREATE INDEX idx_jobs_browser_type ON automation_jobs (browser_type_id);
CREATE INDEX idx_jobs_created_at ON automation_jobs (created_at);
-- Serves SCHEMA.md's "Job Selection" query; partial, so it stays small however many jobs finish.
CREATE INDEX idx_jobs_priority_created ON automation_jobs (priority DESC, created_at ASC)
    WHERE status = 'pending';

CREATE TABLE job_artifacts (
    id            UUID PRIMARY KEY,
    job_id        UUID REFERENCES automation_jobs (id) ON DELETE CASCADE,
    artifact_type VARCHAR(50) NOT NULL,
    file_path     TEXT,
    file_data     BYTEA,
    mime_type     VARCHAR(100),
    size_bytes    BIGINT,
    created_at    TIMESTAMP DEFAULT NOW()
);

CREATE INDEX idx_artifacts_job_id ON job_artifacts (job_id);

CREATE TABLE job_logs (
    id         SERIAL PRIMARY KEY,
    job_id     UUID REFERENCES automation_jobs (id) ON DELETE CASCADE,
    level      VARCHAR(20) NOT NULL,
    message    TEXT NOT NULL,
    metadata   JSONB,
    created_at TIMESTAMP DEFAULT NOW()
);

CREATE INDEX idx_logs_job_id ON job_logs (job_id);
CREATE INDEX idx_logs_created_at ON job_logs (created_at);

CREATE TABLE browser_workers (
    id              UUID PRIMARY KEY,
    browser_type_id INTEGER REFERENCES browser_types (id),
    status          VARCHAR(20) DEFAULT 'idle',
    current_job_id  UUID REFERENCES automation_jobs (id),
    last_heartbeat  TIMESTAMP DEFAULT NOW(),
    started_at      TIMESTAMP DEFAULT NOW(),
    metadata        JSONB
);

CREATE INDEX idx_workers_status ON browser_workers (status);
CREATE INDEX idx_workers_browser_type ON browser_workers (browser_type_id);

CREATE TABLE api_keys (
    id           UUID PRIMARY KEY,
    "key"        VARCHAR(64) NOT NULL UNIQUE,
    client_id    VARCHAR(255) NOT NULL,
    name         VARCHAR(255) NOT NULL,
    status       VARCHAR(20) DEFAULT 'active',
    rate_limit   INTEGER DEFAULT 100,
    is_active    BOOLEAN DEFAULT true,
    last_used_at TIMESTAMP,
    expires_at   TIMESTAMP,
    metadata     JSONB,
    created_at   TIMESTAMP DEFAULT NOW(),
    updated_at   TIMESTAMP DEFAULT NOW()
);

CREATE INDEX idx_api_keys_key ON api_keys ("key");
CREATE INDEX idx_api_keys_client_id ON api_keys (client_id);
CREATE INDEX idx_api_keys_status ON api_keys (status);
CREATE INDEX idx_api_keys_is_active ON api_keys (is_active);

CREATE TABLE url_policies (
    id          UUID PRIMARY KEY,
    pattern     VARCHAR(255) NOT NULL,
    type        VARCHAR(20) DEFAULT 'blacklist',
    description TEXT,
    is_active   BOOLEAN DEFAULT true,
    metadata    JSONB,
    created_at  TIMESTAMP DEFAULT NOW(),
    updated_at  TIMESTAMP DEFAULT NOW()
);

CREATE INDEX idx_url_policies_type ON url_policies (type);
CREATE INDEX idx_url_policies_is_active ON url_policies (is_active);

-- The six seed types of dev.browserfleet.contracts.reference.SeedBrowserTypes, value for value
-- (SeedBrowserTypesTest compares them), with its fixed SEEDED_AT so that a rebuild from
-- bf.browser-types yields identical rows.
INSERT INTO browser_types
    (id, name, type, device_type, user_agent, viewport_width, viewport_height, is_active, created_at, updated_at)
VALUES
    (1, 'Chromium', 'chromium', 'desktop', NULL, 1280, 720, true,
        '2026-01-01 00:00:00', '2026-01-01 00:00:00'),
    (2, 'Chromium Mobile', 'chromium', 'mobile',
        'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36',
        412, 915, true, '2026-01-01 00:00:00', '2026-01-01 00:00:00'),
    (3, 'Firefox', 'firefox', 'desktop', NULL, 1280, 720, true,
        '2026-01-01 00:00:00', '2026-01-01 00:00:00'),
    (4, 'Firefox Mobile', 'firefox', 'mobile',
        'Mozilla/5.0 (Android 14; Mobile; rv:140.0) Gecko/140.0 Firefox/140.0',
        412, 915, true, '2026-01-01 00:00:00', '2026-01-01 00:00:00'),
    (5, 'WebKit', 'webkit', 'desktop', NULL, 1280, 720, true,
        '2026-01-01 00:00:00', '2026-01-01 00:00:00'),
    (6, 'WebKit Mobile', 'webkit', 'mobile',
        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
        393, 852, true, '2026-01-01 00:00:00', '2026-01-01 00:00:00');

-- The ids above were explicit, so move the serial past them: the next insert without an id gets 7.
SELECT setval(pg_get_serial_sequence('browser_types', 'id'), (SELECT max(id) FROM browser_types));
