package dev.browserfleet.ingest.browsertype;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A catalog that remembers each browser type it found for a short while, so that admitting a job
 * does not query {@code browser_types} every time. A change made by an admin reaches submissions
 * after the projector has written it and at most {@code maxAge} later; the dispatcher checks the
 * browser type again anyway. Ids not found are not remembered: a new type counts at once.
 * {@link #list} and {@link #nextId} always ask the catalog behind.
 */
public final class CachedBrowserTypeCatalog implements BrowserTypeCatalog {

  // Far more than there are browser types; only found ids are kept, so this is never reached in practice.
  private static final int MAX_ENTRIES = 1_000;

  private record Entry(BrowserTypeView type, long foundAtNanos) {}

  private final BrowserTypeCatalog catalog;
  private final long maxAgeNanos;
  private final LongSupplier nanoTime;
  private final Map<Integer, Entry> found = new ConcurrentHashMap<>();

  public CachedBrowserTypeCatalog(BrowserTypeCatalog catalog, Duration maxAge) {
    this(catalog, maxAge, System::nanoTime);
  }

  CachedBrowserTypeCatalog(BrowserTypeCatalog catalog, Duration maxAge, LongSupplier nanoTime) {
    this.catalog = catalog;
    this.maxAgeNanos = maxAge.toNanos();
    this.nanoTime = nanoTime;
  }

  @Override
  public List<BrowserTypeView> list() {
    return catalog.list();
  }

  @Override
  public Optional<BrowserTypeView> find(int id) {
    long now = nanoTime.getAsLong();
    Entry entry = found.get(id);
    if (entry != null && now - entry.foundAtNanos() < maxAgeNanos) {
      return Optional.of(entry.type());
    }
    Optional<BrowserTypeView> type = catalog.find(id);
    if (type.isPresent()) {
      if (found.size() >= MAX_ENTRIES) {
        found.clear();
      }
      found.put(id, new Entry(type.get(), now));
    } else {
      found.remove(id);
    }
    return type;
  }

  @Override
  public int nextId() {
    return catalog.nextId();
  }
}
