package dev.browserfleet.ingest.publish;

import dev.browserfleet.contracts.Topic;
import java.util.List;

/** Publishes records to a topic; the port through which the ingest-api changes anything at all. */
public interface RecordPublisher {

  /** One record of {@link #publishAll}. */
  record Keyed<V>(String key, V value) {}

  /**
   * Publishes {@code value} keyed by {@code key} and returns once the broker has acknowledged it,
   * so that a caller told "accepted" can rely on it.
   *
   * @throws PublicationFailedException when the broker did not acknowledge in time
   */
  <V> void publish(Topic<V> topic, String key, V value);

  /**
   * Publishes {@code records} as one unit: once this returns, every record is visible to
   * read-committed consumers (the dispatcher is one); when it throws, none of them ever is.
   *
   * @throws PublicationFailedException when the broker did not take them all in time; then no
   *     record was published, except in one case the broker cannot rule out: a commit that timed
   *     out may still complete, so a caller that retries should make the retry idempotent
   */
  <V> void publishAll(Topic<V> topic, List<Keyed<V>> records);
}
