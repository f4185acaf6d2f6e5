package dev.browserfleet.ingest.publish;

import dev.browserfleet.contracts.Topic;

/** Publishes records to a topic; the port through which the ingest-api changes anything at all. */
public interface RecordPublisher {

  /**
   * Publishes {@code value} keyed by {@code key} and returns once the broker has acknowledged it,
   * so that a caller told "accepted" can rely on it.
   *
   * @throws PublicationFailedException when the broker did not acknowledge in time
   */
  <V> void publish(Topic<V> topic, String key, V value);
}
