package dev.browserfleet.worker.messaging;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * How a free slot looks for its next job: its lanes highest band first, and, once they are all
 * empty, a wait on the engine's {@link Doorbell} rather than a poll every few milliseconds.
 *
 * <p>A share consumer whose poll returned nothing goes on fetching in the background until it has
 * acquired a record, which then waits in it for the next poll. A lane counts as empty only once
 * its consumer has been fetching for {@link #SETTLE} with nothing to show (a fetch answers at once
 * when the lane has a record); until then no lower lane is looked at, so that a higher band always
 * goes first. When every lane is empty the slot waits for the doorbell, which rings when a record
 * reaches a lane; the record may reach the slot's consumer a little after the ring (or another
 * slot's), so after a ring (and {@link #AFTER_RING}) the lanes are looked at every {@link #HOT_PAUSE}
 * for {@link #HOT}.
 * Used by its slot's thread only.
 */
final class LaneScan {

  static final Duration SETTLE = Duration.ofMillis(40);
  static final Duration HOT = Duration.ofMillis(200);
  static final Duration HOT_PAUSE = Duration.ofMillis(2);
  /** The longest wait without a look at the lanes, should a ring be missed. */
  static final Duration IDLE_WAIT = Duration.ofSeconds(1);
  /**
   * How long a slot lets a ring settle before it looks. The ring and the share fetch that brings
   * the record are answers to the same commit and come within a millisecond of each other; a poll
   * that finds nothing makes the consumer fetch again, and one made while that fetch's answer is
   * being taken in makes it fetch once more afterwards. That extra fetch then acquires the lane's
   * next record while the slot runs the job it took, and the record waits for that job to end
   * however many slots are free ({@code bench/busy-slot-pickup.sh}, one of two Chromium slots
   * busy: 5-6 of 30 jobs waited 2.4-3.0 s when the slot looked at once, 0-1 of 30 after 5 ms).
   */
  static final Duration AFTER_RING = Duration.ofMillis(5);

  /** What one look found: the band and its records, or nothing. */
  record Found(Band band, ConsumerRecords<byte[], byte[]> records) {}

  private final List<Band> bands;
  private final Doorbell doorbell;
  private long hotUntil = System.nanoTime() + HOT.toNanos();

  /** @param bands the slot's consumers of its engine's lanes, highest band first */
  LaneScan(List<Band> bands, Doorbell doorbell) {
    this.bands = bands;
    this.doorbell = doorbell;
  }

  /**
   * Looks at the lanes, highest band first; when none has a record for this slot, waits a little
   * (at most {@link #IDLE_WAIT}) and returns null.
   */
  Found next() throws InterruptedException {
    long seen = doorbell.rings();
    long now = System.nanoTime();
    boolean settled = true;
    for (Band band : bands) {
      ConsumerRecords<byte[], byte[]> records = band.consumer.poll(Duration.ZERO);
      if (!records.isEmpty()) {
        band.fetchingSince = Band.NOT_FETCHING;
        return new Found(band, records);
      }
      if (band.fetchingSince == Band.NOT_FETCHING) {
        band.fetchingSince = now;
      }
      if (now - band.fetchingSince < SETTLE.toNanos()) {
        settled = false;
        break; // this lane may still have a job for us: look at no lower one yet
      }
    }
    if (!settled || now - hotUntil < 0) {
      Thread.sleep(HOT_PAUSE);
    } else if (doorbell.awaitRingAfter(seen, IDLE_WAIT)) {
      hotUntil = System.nanoTime() + HOT.toNanos();
      Thread.sleep(AFTER_RING);
    }
    return null;
  }
}
