package dev.browserfleet.worker.messaging;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ShareConsumer;

/**
 * A slot's consumer of one lane (one priority band of its engine). {@code fetchingSince}: when its
 * polls started coming back empty, so that it fetches on its own ({@link #NOT_FETCHING} once a poll
 * returned a record). Used by its slot's thread only.
 */
final class Band {

  static final long NOT_FETCHING = Long.MIN_VALUE;

  final String lane;
  final ShareConsumer<byte[], byte[]> consumer;
  long fetchingSince = NOT_FETCHING;

  Band(String lane, ShareConsumer<byte[], byte[]> consumer) {
    this.lane = lane;
    this.consumer = consumer;
  }

  /**
   * Closes the consumers of a slot's lanes, which hands back whatever they acquired and did not
   * acknowledge. Each close waits for its consumer's fetch under way (up to the share fetch's
   * wait), so they close all at once.
   */
  static void closeAll(List<Band> bands) {
    List<Thread> closing = bands.stream()
        .map(band -> Thread.ofVirtual().name("bf-close-" + band.lane).start(() -> band.consumer.close(Duration.ofSeconds(5))))
        .toList();
    for (Thread thread : closing) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
