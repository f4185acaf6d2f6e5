package dev.browserfleet.ingest.messaging;

import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.MalformedMessageException;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.reference.BrowserType;
import dev.browserfleet.ingest.browsertype.BrowserTypeSeeds;
import dev.browserfleet.ingest.publish.RecordPublisher;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the seed browser types that {@code bf.browser-types} lacks, so that Kafka, not the
 * migration's seed rows, is the system of record for them.
 */
final class BrowserTypeSeeder {

  private static final Logger log = LoggerFactory.getLogger(BrowserTypeSeeder.class);

  private BrowserTypeSeeder() {}

  static List<BrowserType> seed(String bootstrapServers, RecordPublisher publisher, Duration timeout) {
    Map<String, byte[]> onTopic = CompactedTopicSnapshot.read(bootstrapServers, Topics.BROWSER_TYPES, timeout);
    Set<Integer> ids = new HashSet<>();
    onTopic.forEach(
        (key, value) -> {
          try {
            ids.add(JsonCodec.decode(value, BrowserType.class).id());
          } catch (MalformedMessageException e) {
            // Nobody can read it, so it defines nothing: a seed with that id replaces it.
            log.warn("Browser type record with key {} on {} is unreadable, ignored: {}",
                key, Topics.BROWSER_TYPES, e.getMessage());
          }
        });
    List<BrowserType> missing = BrowserTypeSeeds.missingFrom(ids);
    for (BrowserType type : missing) {
      publisher.publish(Topics.BROWSER_TYPES, Integer.toString(type.id()), type);
    }
    if (!missing.isEmpty()) {
      log.info("Published {} seed browser type(s) to {}", missing.size(), Topics.BROWSER_TYPES);
    }
    return missing;
  }
}
