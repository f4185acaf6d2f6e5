package dev.browserfleet.worker.messaging;

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
}
