package dev.browserfleet.ingest.browsertype;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CachedBrowserTypeCatalogTest {

  private final CountingCatalog database = new CountingCatalog();
  private long now = 0;
  private final CachedBrowserTypeCatalog catalog =
      new CachedBrowserTypeCatalog(database, Duration.ofSeconds(1), () -> now);

  @Test
  void aFoundTypeIsReadFromTheDatabaseOncePerMaxAge() {
    database.types.put(1, aType(1, true));

    for (int i = 0; i < 100; i++) {
      assertThat(catalog.find(1)).map(BrowserTypeView::isActive).contains(true);
    }

    assertThat(database.finds).isEqualTo(1);
  }

  @Test
  void aDeactivatedTypeIsSeenOnceMaxAgeHasPassed() {
    database.types.put(1, aType(1, true));
    catalog.find(1);
    database.types.put(1, aType(1, false));

    now += Duration.ofMillis(999).toNanos();
    assertThat(catalog.find(1)).map(BrowserTypeView::isActive).contains(true);
    now += Duration.ofMillis(1).toNanos();
    assertThat(catalog.find(1)).map(BrowserTypeView::isActive).contains(false);
  }

  @Test
  void anUnknownIdIsAskedForEveryTimeSoThatANewTypeCountsAtOnce() {
    assertThat(catalog.find(7)).isEmpty();
    database.types.put(7, aType(7, true));

    assertThat(catalog.find(7)).isPresent();
    assertThat(database.finds).isEqualTo(2);
  }

  private static BrowserTypeView aType(int id, boolean active) {
    return new BrowserTypeView(id, "Chromium", "chromium", "desktop", null, 1280, 720, active, null, null);
  }

  private static final class CountingCatalog implements BrowserTypeCatalog {
    final Map<Integer, BrowserTypeView> types = new HashMap<>();
    int finds;

    @Override
    public List<BrowserTypeView> list() {
      return List.copyOf(types.values());
    }

    @Override
    public Optional<BrowserTypeView> find(int id) {
      finds++;
      return Optional.ofNullable(types.get(id));
    }

    @Override
    public int nextId() {
      return types.size() + 1;
    }
  }
}
