package dev.browserfleet.worker.messaging;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.WorkerId;
import dev.browserfleet.contracts.event.AttemptFailed;
import dev.browserfleet.contracts.event.JobResult;
import dev.browserfleet.kafka.DeadLetters;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * What a slot does with a lane record that is not a job assignment: it goes to the dead letters
 * with the reason, and, when it names its job and attempt, that attempt fails, so that the job does
 * not wait for a worker that will never run it.
 */
final class BadAssignments {

  private static final Logger log = LoggerFactory.getLogger(BadAssignments.class);

  static final String REJECTED_BY = "browser-worker";

  private final WorkerId workerId;
  private final WorkerKafka kafka;
  private final Clock clock;

  BadAssignments(WorkerId workerId, WorkerKafka kafka, Clock clock) {
    this.workerId = workerId;
    this.kafka = kafka;
    this.clock = clock;
  }

  void deadLetter(String slotName, ConsumerRecord<byte[], byte[]> record, String reason) {
    log.warn("slot {}: a record on {}-{}@{} is not a job assignment, sent to {}: {}", slotName, record.topic(),
        record.partition(), record.offset(), Topics.DEAD_LETTERS.name(), reason);
    kafka.sendDurably(DeadLetters.of(record.topic(), record.partition(), record.offset(), record.key(),
        record.value(), reason, REJECTED_BY));
  }

  void failIfIdentifiable(byte[] value, String reason) {
    JobId jobId;
    int attempt;
    try {
      JsonNode tree = JsonCodec.readTree(value);
      if (!tree.path("jobId").isString() || !tree.path("attempt").isIntegralNumber()) {
        return;
      }
      jobId = JobId.of(tree.path("jobId").asString());
      attempt = tree.path("attempt").asInt();
    } catch (RuntimeException notIdentifiable) {
      return;
    }
    kafka.sendDurably(Topics.ATTEMPT_REPORTS, jobId.toString(), new AttemptFailed(UUID.randomUUID(), jobId, attempt,
        workerId, clock.instant(), "invalid assignment: " + reason, false,
        new JobResult(List.of(), null, null, null, null)));
  }
}
