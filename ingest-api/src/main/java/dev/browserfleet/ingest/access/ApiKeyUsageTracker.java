package dev.browserfleet.ingest.access;

import dev.browserfleet.contracts.reference.ApiKeyUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Notes, in memory, when each client key was last used, so that no request writes to the
 * database for it; {@link #drain} hands the uses noted since the last drain to be published.
 */
public final class ApiKeyUsageTracker {

  private final Map<UUID, Instant> pending = new ConcurrentHashMap<>();

  public void noteUse(UUID keyId, Instant at) {
    pending.merge(keyId, at, (known, now) -> now.isAfter(known) ? now : known);
  }

  /** The latest use of each key noted since the last drain, each handed out once. */
  public List<ApiKeyUsage> drain() {
    var usages = new ArrayList<ApiKeyUsage>();
    for (UUID keyId : List.copyOf(pending.keySet())) {
      Instant at = pending.remove(keyId);
      if (at != null) {
        usages.add(new ApiKeyUsage(keyId, at));
      }
    }
    return usages;
  }
}
