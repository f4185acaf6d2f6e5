package dev.browserfleet.contracts.reference;

import java.time.Instant;
import java.util.UUID;

/**
 * When an API key was last used, as an ingest-api replica saw it. Each replica notes uses in
 * memory and publishes the latest per key every few seconds to the compacted topic {@code
 * bf.api-key-usage}, keyed by key id, so a request never waits on a database write; the projector
 * keeps the latest of all replicas in {@code api_keys.last_used_at}.
 */
public record ApiKeyUsage(UUID keyId, Instant lastUsedAt) {}
