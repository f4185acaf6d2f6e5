package dev.browserfleet.ingest.access;

import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.contracts.reference.JobLimits;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every API key this instance knows, by id and by hash: the latest state of {@code bf.api-keys},
 * plus the keys this instance has just published. An older state of a key never replaces a newer
 * one, so the topic reader catching up after a local update changes nothing.
 */
public final class ApiKeyDirectory {

  private final Map<UUID, ApiKey> byId = new ConcurrentHashMap<>();
  private final Map<String, ApiKey> byHash = new ConcurrentHashMap<>();

  public synchronized void put(ApiKey key) {
    ApiKey previous = byId.get(key.id());
    if (previous != null && isNewer(previous, key)) {
      return;
    }
    if (previous != null) {
      byHash.remove(previous.keyHash());
    }
    byId.put(key.id(), key);
    byHash.put(key.keyHash(), key);
  }

  /** Forgets a deleted key (a tombstone on the topic). */
  public synchronized void remove(UUID id) {
    ApiKey previous = byId.remove(id);
    if (previous != null) {
      byHash.remove(previous.keyHash());
    }
  }

  public Optional<ApiKey> findByHash(String keyHash) {
    return Optional.ofNullable(byHash.get(keyHash));
  }

  public Optional<ApiKey> findById(UUID id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Every key, oldest first. */
  public List<ApiKey> list() {
    return byId.values().stream()
        .sorted(Comparator.comparing(ApiKey::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ApiKey::id))
        .toList();
  }

  /** The job limits of {@code clientId}: the lowest of its usable keys'. */
  public JobLimits jobLimitsOf(String clientId, Instant now) {
    return JobLimits.of(clientId, byId.values(), now);
  }

  public int size() {
    return byId.size();
  }

  private static boolean isNewer(ApiKey known, ApiKey candidate) {
    return known.updatedAt() != null
        && candidate.updatedAt() != null
        && known.updatedAt().isAfter(candidate.updatedAt());
  }
}
