package dev.browserfleet.worker.messaging;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Rung whenever a record reaches one of an engine's lanes, so that the engine's free slots can
 * wait for work instead of polling their consumers every few milliseconds. A ring is counted, so
 * that one that comes between a slot's last look at its lanes and its wait is not missed.
 */
final class Doorbell {

  private long rings;

  synchronized void ring() {
    rings++;
    notifyAll();
  }

  /** How often it has rung so far: pass it to {@link #awaitRingAfter}. */
  synchronized long rings() {
    return rings;
  }

  /** Waits until it has rung more than {@code seen} times, or {@code timeout} has passed; true if it rang. */
  synchronized boolean awaitRingAfter(long seen, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (rings == seen) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }
}
