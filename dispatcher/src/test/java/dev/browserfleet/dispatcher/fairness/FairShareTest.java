package dev.browserfleet.dispatcher.fairness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.reference.JobLimits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class FairShareTest {

  private static final int HIGH = 0;
  private static final int NORMAL = 1;

  private final FairShare share = new FairShare();
  private final Map<String, JobLimits> limits = new HashMap<>();
  private int slots = 2;
  private final List<String> started = new ArrayList<>();
  private final Map<String, JobId> ids = new HashMap<>();

  /** Offers job {@code name} of {@code tenant} ("a3" of "a") in {@code band}, then releases what may start. */
  private FairShare.Enqueued submit(String name, int band) {
    return submit(name, band, 1);
  }

  private FairShare.Enqueued submit(String name, int band, int attempt) {
    JobId id = ids.computeIfAbsent(name, n -> JobId.random());
    String tenant = name.substring(0, 1);
    var outcome = share.enqueue(new Ticket(id, attempt, tenant, Engine.CHROMIUM, band, 0, "lane", null, false), limitsOf(tenant));
    release();
    return outcome;
  }

  private void finish(String name) {
    share.finish(ids.get(name));
    release();
  }

  private void release() {
    for (Ticket t : share.release(e -> slots < 0 ? OptionalInt.empty() : OptionalInt.of(slots), this::limitsOf)) {
      started.add(ids.entrySet().stream().filter(e -> e.getValue().equals(t.jobId())).findFirst().orElseThrow().getKey());
    }
  }

  private JobLimits limitsOf(String tenant) {
    return limits.getOrDefault(tenant, JobLimits.NONE);
  }

  @Test
  void noMoreJobsGoToTheLaneThanThereAreSlots() {
    for (int i = 1; i <= 5; i++) {
      submit("a" + i, NORMAL);
    }
    assertThat(started).containsExactly("a1", "a2");

    finish("a1");

    assertThat(started).containsExactly("a1", "a2", "a3");
    assertThat(share.held("a")).isEqualTo(2);
  }

  @Test
  void anotherTenantsOneJobGoesNextAheadOfAThousandQueuedOnes() {
    for (int i = 1; i <= 1000; i++) {
      submit("a" + i, NORMAL);
    }
    submit("b1", NORMAL);

    finish("a1");

    assertThat(started).containsExactly("a1", "a2", "b1");
    finish("a2");
    finish("b1");
    assertThat(started).containsExactly("a1", "a2", "b1", "a3", "a4");
  }

  @Test
  void tenantsWithWorkTakeTurns() {
    slots = 1;
    for (int i = 1; i <= 3; i++) {
      submit("a" + i, NORMAL);
      submit("b" + i, NORMAL);
      submit("c" + i, NORMAL);
    }
    for (int i = 0; i < 8; i++) {
      finish(started.getLast());
    }
    assertThat(started).containsExactly("a1", "b1", "c1", "a2", "b2", "c2", "a3", "b3", "c3");
  }

  @Test
  void aTenantAtItsMaxConcurrentJobsHoldsNoSlotAnotherCouldUse() {
    slots = 3;
    limits.put("a", new JobLimits(1, null));
    submit("a1", NORMAL);
    submit("a2", NORMAL);
    submit("b1", NORMAL);
    submit("b2", NORMAL);

    assertThat(started).containsExactly("a1", "b1", "b2");
    finish("b1");
    assertThat(started).as("a slot is free, but a is at its limit").containsExactly("a1", "b1", "b2");
    finish("a1");
    assertThat(started).containsExactly("a1", "b1", "b2", "a2");
  }

  @Test
  void aHigherBandGoesFirstWhateverItsTenant() {
    slots = 1;
    submit("a1", NORMAL);
    submit("a2", NORMAL);
    submit("b1", NORMAL);
    submit("c1", HIGH);

    finish("a1");

    assertThat(started).containsExactly("a1", "c1");
  }

  @Test
  void aTenantAtItsLimitInAHigherBandLetsALowerBandRun() {
    slots = 2;
    limits.put("a", new JobLimits(1, null));
    submit("a1", HIGH);
    submit("a2", HIGH);
    submit("b1", NORMAL);

    assertThat(started).containsExactly("a1", "b1");
  }

  @Test
  void withoutALiveWorkerToCountSlotsNothingIsHeldBack() {
    slots = -1;
    for (int i = 1; i <= 4; i++) {
      submit("a" + i, NORMAL);
    }
    assertThat(started).containsExactly("a1", "a2", "a3", "a4");
  }

  @Test
  void aFirstAttemptPastMaxQueuedJobsIsRefusedButARetryIsNot() {
    slots = 1;
    limits.put("a", new JobLimits(null, 2));
    submit("a1", NORMAL); // runs
    submit("a2", NORMAL);
    submit("a3", NORMAL);

    assertThat(submit("a4", NORMAL)).isInstanceOfSatisfying(FairShare.Enqueued.Refused.class,
        r -> assertThat(r.reason()).contains("client a has 2 pending").contains("maxQueuedJobs"));
    assertThat(submit("a1", NORMAL, 2)).as("a retry of a1, with a2 and a3 held").isInstanceOf(FairShare.Enqueued.Held.class);
    assertThat(started).as("a1's retry gave up its slot, which a2 took").containsExactly("a1", "a2");
    assertThat(share.held("a")).isEqualTo(2);
  }

  @Test
  void aNewAttemptReplacesTheJobsTicketAndFreesItsSlot() {
    slots = 1;
    submit("a1", NORMAL);
    submit("b1", NORMAL);

    submit("a1", NORMAL, 2);

    assertThat(started).containsExactly("a1", "b1");
    assertThat(share.running("a")).isZero();
    assertThat(share.held("a")).isEqualTo(1);
  }

  @Test
  void theChangesRebuildTheSameShareAfterARestart() {
    slots = 1;
    submit("a1", NORMAL);
    submit("a2", NORMAL);
    submit("b1", NORMAL);
    var stored = new HashMap<String, Object>();
    for (FairShare.Change change : share.drainChanges()) {
      switch (change) {
        case FairShare.Change.Put put -> stored.put(put.ticket().jobId().toString(), put.ticket());
        case FairShare.Change.Remove remove -> stored.remove(remove.jobId().toString());
        case FairShare.Change.Turn turn -> stored.put("turn", turn);
      }
    }
    var restored = new FairShare();
    stored.values().forEach(v -> {
      if (v instanceof Ticket t) {
        restored.restore(t);
      } else {
        var turn = (FairShare.Change.Turn) v;
        restored.restoreTurn(turn.engine(), turn.bandRank(), turn.tenant());
      }
    });

    restored.finish(ids.get("a1"));
    List<Ticket> next = restored.release(e -> OptionalInt.of(1), t -> JobLimits.NONE);

    assertThat(next).extracting(Ticket::jobId).containsExactly(ids.get("b1"));
    assertThat(restored.held("a")).isEqualTo(1);
  }
}
