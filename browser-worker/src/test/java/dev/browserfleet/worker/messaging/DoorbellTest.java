package dev.browserfleet.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** How a free slot waits for work: a ring is never lost, and a wait without one ends on time. */
class DoorbellTest {

  @Test
  void aRingBetweenLookingAtTheLanesAndWaitingEndsTheWaitAtOnce() throws Exception {
    var doorbell = new Doorbell();
    long seen = doorbell.rings();
    doorbell.ring(); // a record came while the slot was still looking at its lanes
    long before = System.nanoTime();
    assertThat(doorbell.awaitRingAfter(seen, Duration.ofSeconds(30))).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aWaitingSlotWakesWhenItRings() {
    var doorbell = new Doorbell();
    long seen = doorbell.rings();
    var woke = CompletableFuture.supplyAsync(() -> {
      try {
        return doorbell.awaitRingAfter(seen, Duration.ofSeconds(60));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    doorbell.ring();
    await().atMost(Duration.ofSeconds(20)).until(woke::isDone);
    assertThat(woke.join()).isTrue();
  }

  @Test
  void withoutARingTheWaitEndsAfterItsTimeout() throws Exception {
    var doorbell = new Doorbell();
    long before = System.nanoTime();
    assertThat(doorbell.awaitRingAfter(doorbell.rings(), Duration.ofMillis(50))).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
  }
}
