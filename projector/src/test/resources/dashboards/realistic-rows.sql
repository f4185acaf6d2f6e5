-- A day of a busy fleet, as the projector would have written it (timestamps UTC, relative to now):
-- 60,000 jobs over 24 h on the six seed browser types, most completed, some failed with the
-- worker's real error messages, a few cancelled, a few running, a queue of pending jobs at several
-- priorities; 14 live worker slots (two of them silent for minutes) among 5,000 offline slots left
-- by earlier restarts. setseed makes every run see the same rows.
SELECT setseed(0.18);

INSERT INTO browser_types (id, name, type, device_type, viewport_width, viewport_height, is_active)
VALUES (1, 'Chromium', 'chromium', 'desktop', 1280, 800, true),
       (2, 'Chromium Mobile', 'chromium', 'mobile', 390, 844, true),
       (3, 'Firefox', 'firefox', 'desktop', 1280, 800, true),
       (4, 'Firefox Mobile', 'firefox', 'mobile', 390, 844, true),
       (5, 'WebKit', 'webkit', 'desktop', 1280, 800, true),
       (6, 'WebKit Mobile', 'webkit', 'mobile', 390, 844, true)
ON CONFLICT (id) DO NOTHING;

CREATE TEMPORARY TABLE day AS
SELECT n,
       (now() AT TIME ZONE 'UTC') - (random() * interval '24 hours') - interval '2 minutes' AS created,
       random() AS fate,
       random() AS r1,
       random() AS r2,
       (ARRAY[1, 1, 1, 1, 2, 3, 3, 5, 5, 6])[1 + floor(random() * 10)::int] AS browser_type
FROM generate_series(1, 60000) AS n;

INSERT INTO automation_jobs (id, browser_type_id, target_url, actions, wait_until, status, priority, retry_count,
                             max_retries, timeout_ms, created_at, started_at, completed_at, error_message, result,
                             updated_at, client_id, last_event_seq)
SELECT gen_random_uuid(),
       browser_type,
       'https://shop' || (n % 40) || '.example.com/products/' || n,
       '[{"action":"click","target":"#accept"},{"action":"extract","name":"price","target":".price"},{"action":"screenshot"}]'::jsonb,
       'load',
       CASE WHEN fate < 0.85 THEN 'completed' WHEN fate < 0.93 THEN 'failed' WHEN fate < 0.95 THEN 'cancelled'
            ELSE 'completed' END,
       (ARRAY[0, 0, 0, 10, 50, 50, 90, 100])[1 + floor(r1 * 8)::int],
       CASE WHEN r2 < 0.80 THEN 0 WHEN r2 < 0.93 THEN 1 WHEN r2 < 0.98 THEN 2 ELSE 3 END,
       3,
       30000,
       created,
       created + (r1 * r1 * 4) * interval '1 second',
       created + (r1 * r1 * 4) * interval '1 second' + (0.4 + r2 * r2 * 6) * interval '1 second',
       CASE WHEN fate >= 0.85 AND fate < 0.93 THEN
         (ARRAY['action 2/3 extract on getBySelector ''.price'' failed: no element matches ''.price'' within 5000 ms',
                'opening https://shop' || (n % 40) || '.example.com/products/' || n || ' failed: navigation timed out after 30000 ms',
                'attempt ' || (1 + n % 3) || ' exceeded its timeout of 30000 ms',
                'worker chromium-' || substr(md5(n::text), 1, 8) || '-0001-4000-8000-' || substr(md5(n::text), 1, 12) || ' was lost (no heartbeat for 60 s)',
                'targetUrl: denied by URL policy *.internal.example.com',
                'action 1/3 click on getBySelector ''#accept'' failed: element not interactable'])[1 + floor(r2 * 6)::int]
       END,
       '{"actions":[],"data":{"price":"12.90"}}'::jsonb,
       created + interval '10 seconds',
       'acme',
       7
FROM day;

-- The live part: jobs running now and a queue.
INSERT INTO automation_jobs (id, browser_type_id, target_url, actions, status, priority, created_at, started_at, updated_at, client_id)
SELECT gen_random_uuid(), 1 + n % 3, 'https://news.example.org/' || n, '[{"action":"screenshot"}]'::jsonb,
       'processing', 50, (now() AT TIME ZONE 'UTC') - interval '20 seconds', (now() AT TIME ZONE 'UTC') - interval '5 seconds',
       now() AT TIME ZONE 'UTC', 'acme'
FROM generate_series(1, 12) AS n;

INSERT INTO automation_jobs (id, browser_type_id, target_url, actions, status, priority, created_at, updated_at, client_id)
SELECT gen_random_uuid(), (ARRAY[1, 1, 3, 5])[1 + n % 4], 'https://news.example.org/queued/' || n,
       '[{"action":"pdf"}]'::jsonb, 'pending', (ARRAY[0, 0, 0, 10, 50, 90, 100])[1 + n % 7],
       (now() AT TIME ZONE 'UTC') - n * interval '150 milliseconds', now() AT TIME ZONE 'UTC', 'acme'
FROM generate_series(1, 240) AS n;

-- Worker slots: 5,000 offline ones left by restarts over the week, 12 live, 2 silent for minutes.
INSERT INTO browser_workers (id, browser_type_id, status, current_job_id, last_heartbeat, started_at, metadata)
SELECT gen_random_uuid(), NULL, 'offline', NULL,
       (now() AT TIME ZONE 'UTC') - interval '1 day' - n * interval '1 minute',
       (now() AT TIME ZONE 'UTC') - interval '2 days',
       jsonb_build_object('instance', 'worker-' || (n % 50), 'engine', (ARRAY['chromium', 'firefox', 'webkit'])[1 + n % 3])
FROM generate_series(1, 5000) AS n;

INSERT INTO browser_workers (id, browser_type_id, status, current_job_id, last_heartbeat, started_at, metadata)
SELECT gen_random_uuid(), NULL, CASE WHEN n <= 6 THEN 'busy' ELSE 'idle' END, NULL,
       (now() AT TIME ZONE 'UTC') - (n % 5) * interval '1 second',
       (now() AT TIME ZONE 'UTC') - interval '3 hours',
       jsonb_build_object('instance', 'worker-' || (n % 2), 'engine', (ARRAY['chromium', 'firefox', 'webkit'])[1 + n % 3])
FROM generate_series(1, 12) AS n;

INSERT INTO browser_workers (id, browser_type_id, status, current_job_id, last_heartbeat, started_at, metadata)
SELECT gen_random_uuid(), NULL, 'busy', NULL,
       (now() AT TIME ZONE 'UTC') - n * interval '2 minutes',
       (now() AT TIME ZONE 'UTC') - interval '3 hours',
       jsonb_build_object('instance', 'worker-9', 'engine', 'webkit')
FROM generate_series(1, 2) AS n;

-- Running jobs point at busy slots, as heartbeats make them.
UPDATE browser_workers w SET current_job_id = j.id
FROM (SELECT id, row_number() OVER (ORDER BY id) AS k FROM automation_jobs WHERE status = 'processing') j,
     (SELECT id, row_number() OVER (ORDER BY id) AS k FROM browser_workers WHERE status = 'busy') b
WHERE w.id = b.id AND j.k = b.k;

DROP TABLE day;
