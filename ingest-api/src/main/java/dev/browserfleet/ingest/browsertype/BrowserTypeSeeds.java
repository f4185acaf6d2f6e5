package dev.browserfleet.ingest.browsertype;

import dev.browserfleet.contracts.reference.BrowserType;
import dev.browserfleet.contracts.reference.SeedBrowserTypes;
import java.util.List;
import java.util.Set;

/**
 * Which seed browser types the compacted topic still lacks. Only missing ids are published: a type
 * an admin has since changed (deactivated, say) keeps its newer definition.
 */
public final class BrowserTypeSeeds {

  private BrowserTypeSeeds() {}

  public static List<BrowserType> missingFrom(Set<Integer> idsOnTopic) {
    return SeedBrowserTypes.all().stream().filter(seed -> !idsOnTopic.contains(seed.id())).toList();
  }
}
