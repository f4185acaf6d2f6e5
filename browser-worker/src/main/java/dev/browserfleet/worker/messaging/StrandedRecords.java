package dev.browserfleet.worker.messaging;

import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.WorkerId;
import dev.browserfleet.contracts.lane.JobAssignment;
import java.time.Clock;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a busy slot acquired without asking for them (a lane's consumer fetches on its own once
 * its polls came back empty), handed back so that a free slot runs them. Each acquisition counts
 * as a delivery, and the broker drops a record after its delivery limit
 * ({@code group.share.delivery.count.limit}): one that has come back {@link
 * #REQUEUE_AFTER_DELIVERIES} times is instead reported to the dispatcher, which queues the job
 * again as a new attempt.
 */
final class StrandedRecords {

  private static final Logger log = LoggerFactory.getLogger(StrandedRecords.class);

  static final int REQUEUE_AFTER_DELIVERIES = 4;

  private final WorkerId workerId;
  private final WorkerKafka kafka;
  private final Clock clock;

  StrandedRecords(WorkerId workerId, WorkerKafka kafka, Clock clock) {
    this.workerId = workerId;
    this.kafka = kafka;
    this.clock = clock;
  }

  void handBack(String slotName, Band band, ConsumerRecord<byte[], byte[]> record) {
    int deliveries = record.deliveryCount().map(Short::intValue).orElse(1);
    if (deliveries >= REQUEUE_AFTER_DELIVERIES) {
      try {
        JobAssignment job = JsonCodec.decode(record.value(), JobAssignment.class);
        new KafkaAttemptReports(kafka, job, workerId, clock).handedBack(
            "its lane record came to busy slots " + deliveries + " times; it is queued again as a new attempt");
        band.consumer.acknowledge(record, AcknowledgeType.ACCEPT);
        return;
      } catch (RuntimeException e) {
        log.warn("slot {} could not queue a job of {} again; releasing it once more: {}", slotName, band.lane, e.toString());
      }
    }
    band.consumer.acknowledge(record, AcknowledgeType.RELEASE);
    log.debug("slot {} handed back a job of {} it acquired while busy", slotName, band.lane);
  }
}
