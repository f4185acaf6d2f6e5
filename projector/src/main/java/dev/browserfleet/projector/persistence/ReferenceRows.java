package dev.browserfleet.projector.persistence;

import static dev.browserfleet.projector.persistence.Jdbc.json;
import static dev.browserfleet.projector.persistence.Jdbc.utc;

import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.contracts.reference.BrowserType;
import dev.browserfleet.contracts.reference.UrlPolicy;
import dev.browserfleet.projector.projection.RowChange.TouchApiKey;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reference data of the compacted topics: {@code browser_types}, {@code api_keys} (with
 * {@code api_key_last_uses}) and {@code url_policies}.
 */
final class ReferenceRows {

  private final JdbcClient jdbc;

  ReferenceRows(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }
  void putBrowserType(BrowserType t) {
    jdbc.sql(
            """
            INSERT INTO browser_types (id, name, type, device_type, user_agent, viewport_width,
                viewport_height, is_active, created_at, updated_at)
            VALUES (:id, :name, :type, :deviceType, :userAgent, :width, :height, :active,
                COALESCE(:createdAt, timezone('UTC', now())),
                COALESCE(:updatedAt, timezone('UTC', now())))
            ON CONFLICT (id) DO UPDATE SET
                name = EXCLUDED.name, type = EXCLUDED.type, device_type = EXCLUDED.device_type,
                user_agent = EXCLUDED.user_agent, viewport_width = EXCLUDED.viewport_width,
                viewport_height = EXCLUDED.viewport_height, is_active = EXCLUDED.is_active,
                created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at
            """)
        .param("id", t.id())
        .param("name", t.name())
        .param("type", t.type().wireName())
        .param("deviceType", t.deviceType().wireName())
        .param("userAgent", t.userAgent())
        .param("width", t.viewportWidth())
        .param("height", t.viewportHeight())
        .param("active", t.isActive())
        .param("createdAt", utc(t.createdAt()))
        .param("updatedAt", utc(t.updatedAt()))
        .update();
    // Types published with an explicit id (the seeds, or ids chosen elsewhere) must not collide
    // with ids the serial hands out later.
    jdbc.sql(
            "SELECT setval(pg_get_serial_sequence('browser_types', 'id'),"
                + " GREATEST(:id, (SELECT last_value FROM browser_types_id_seq)))")
        .param("id", t.id())
        .query()
        .listOfRows();
  }

  /**
   * A key's use moves its last use forward, never back. It is kept in api_key_last_uses, whose row
   * for the key both this and {@link #putApiKey} lock first: a use and the key's first row, applied
   * by the two topics' consumers at once (on a rebuild), then never miss each other.
   */
  void touchApiKey(TouchApiKey c) {
    jdbc.sql(
            """
            INSERT INTO api_key_last_uses (api_key_id, last_used_at) VALUES (:id, :at)
            ON CONFLICT (api_key_id) DO UPDATE
                SET last_used_at = GREATEST(api_key_last_uses.last_used_at, EXCLUDED.last_used_at)
            """)
        .param("at", utc(c.at()))
        .param("id", c.keyId())
        .update();
    jdbc.sql(
            """
            UPDATE api_keys SET last_used_at = (SELECT last_used_at FROM api_key_last_uses WHERE api_key_id = :id)
            WHERE id = :id
            """)
        .param("id", c.keyId())
        .update();
  }

  void putApiKey(ApiKey k) {
    // Locks the key's last-use row (see touchApiKey), making it if the key was never used.
    jdbc.sql(
            """
            INSERT INTO api_key_last_uses (api_key_id) VALUES (:id)
            ON CONFLICT (api_key_id) DO UPDATE SET last_used_at = api_key_last_uses.last_used_at
            """)
        .param("id", k.id())
        .update();
    // last_used_at is not on the topic: a new row takes the uses applied before it, an update
    // leaves it alone. metadata holds the scopes
    // of a key that has them ({"scopes": [...]}), and is NULL for a key with every scope.
    jdbc.sql(
            """
            INSERT INTO api_keys (id, "key", client_id, name, status, rate_limit, is_active,
                expires_at, metadata, last_used_at, created_at, updated_at,
                max_concurrent_jobs, max_queued_jobs)
            VALUES (:id, :keyHash, :clientId, :name, :status, :rateLimit, :active, :expiresAt,
                CAST(:metadata AS jsonb),
                (SELECT last_used_at FROM api_key_last_uses WHERE api_key_id = :id),
                COALESCE(:createdAt, timezone('UTC', now())),
                COALESCE(:updatedAt, timezone('UTC', now())),
                :maxConcurrentJobs, :maxQueuedJobs)
            ON CONFLICT (id) DO UPDATE SET
                "key" = EXCLUDED."key", client_id = EXCLUDED.client_id, name = EXCLUDED.name,
                status = EXCLUDED.status, rate_limit = EXCLUDED.rate_limit,
                is_active = EXCLUDED.is_active, expires_at = EXCLUDED.expires_at,
                metadata = EXCLUDED.metadata,
                created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
                max_concurrent_jobs = EXCLUDED.max_concurrent_jobs, max_queued_jobs = EXCLUDED.max_queued_jobs
            """)
        .param("maxConcurrentJobs", k.maxConcurrentJobs())
        .param("maxQueuedJobs", k.maxQueuedJobs())
        .param("metadata", k.scopes() == null ? null : json(Map.of("scopes", k.scopes())))
        .param("id", k.id())
        .param("keyHash", k.keyHash())
        .param("clientId", k.clientId())
        .param("name", k.name())
        .param("status", k.status() == null ? "active" : k.status().wireName())
        .param("rateLimit", k.rateLimit())
        .param("active", k.isActive())
        .param("expiresAt", utc(k.expiresAt()))
        .param("createdAt", utc(k.createdAt()))
        .param("updatedAt", utc(k.updatedAt()))
        .update();
  }

  void putUrlPolicy(UrlPolicy p) {
    // A state older than the row's (a replay, or a late duplicate) changes nothing.
    jdbc.sql(
            """
            INSERT INTO url_policies (id, pattern, type, description, is_active, created_at, updated_at)
            VALUES (:id, :pattern, :type, :description, :active,
                COALESCE(:createdAt, timezone('UTC', now())),
                COALESCE(:updatedAt, timezone('UTC', now())))
            ON CONFLICT (id) DO UPDATE SET
                pattern = EXCLUDED.pattern, type = EXCLUDED.type, description = EXCLUDED.description,
                is_active = EXCLUDED.is_active, created_at = EXCLUDED.created_at,
                updated_at = EXCLUDED.updated_at
            WHERE url_policies.updated_at IS NULL OR url_policies.updated_at <= EXCLUDED.updated_at
            """)
        .param("id", p.id())
        .param("pattern", p.pattern())
        .param("type", p.type().wireName())
        .param("description", p.description())
        .param("active", p.isActive())
        .param("createdAt", utc(p.createdAt()))
        .param("updatedAt", utc(p.updatedAt()))
        .update();
  }

  void deleteUrlPolicy(UUID id) {
    jdbc.sql("DELETE FROM url_policies WHERE id = :id").param("id", id).update();
  }
}
