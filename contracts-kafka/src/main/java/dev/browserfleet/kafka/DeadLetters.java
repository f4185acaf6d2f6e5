package dev.browserfleet.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.browserfleet.contracts.DeadLetterHeaders;
import dev.browserfleet.contracts.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Builds the dead-letter record for a record that could not be read. */
public final class DeadLetters {

  /** Longest reason kept in a header; parser messages can quote the whole input. */
  static final int MAX_REASON_LENGTH = 2_000;

  private DeadLetters() {}

  /** The original key and value, byte for byte, with why and where in the headers. */
  public static ProducerRecord<byte[], byte[]> of(
      String sourceTopic,
      int partition,
      long offset,
      byte[] key,
      byte[] value,
      String reason,
      String rejectedBy) {
    return new ProducerRecord<>(
        Topics.DEAD_LETTERS.name(),
        null,
        key,
        value,
        headers(sourceTopic, partition, offset, reason, rejectedBy));
  }

  public static Headers headers(
      String sourceTopic, int partition, long offset, String reason, String rejectedBy) {
    String shortReason =
        reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) + "…" : reason;
    var headers = new RecordHeaders();
    headers.add(DeadLetterHeaders.REASON, shortReason.getBytes(UTF_8));
    headers.add(DeadLetterHeaders.SOURCE_TOPIC, sourceTopic.getBytes(UTF_8));
    headers.add(DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(partition).getBytes(UTF_8));
    headers.add(DeadLetterHeaders.SOURCE_OFFSET, Long.toString(offset).getBytes(UTF_8));
    headers.add(DeadLetterHeaders.REJECTED_BY, rejectedBy.getBytes(UTF_8));
    return headers;
  }
}
