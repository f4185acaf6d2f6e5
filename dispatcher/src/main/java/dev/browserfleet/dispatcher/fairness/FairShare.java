package dev.browserfleet.dispatcher.fairness;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.reference.JobLimits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Which waiting job gets the next free browser slot. Jobs are held here, per engine, band and
 * tenant, and released onto their lane only while their engine has a free slot, so that the lanes
 * never hold a queue that one tenant filled. Across bands the higher always goes first; within a
 * band the tenants with work take turns (round robin), each in its own submission order; a tenant
 * at its {@code maxConcurrentJobs} is passed over, so it never holds a slot another could use.
 *
 * <p>Pure and single-threaded: the shell persists what {@link #drainChanges()} returns and feeds it
 * back through {@link #restore} after a restart.
 */
public final class FairShare {

  /** A change of state to persist. */
  public sealed interface Change {
    /** The ticket is as given (held, or released). */
    record Put(Ticket ticket) implements Change {}

    /** The job has no ticket any more. */
    record Remove(JobId jobId) implements Change {}

    /** The tenant served last in a band of an engine. */
    record Turn(Engine engine, int bandRank, String tenant) implements Change {}
  }

  /** What became of a ticket offered by {@link #enqueue}. */
  public sealed interface Enqueued {
    record Held() implements Enqueued {}

    /** Not held: the tenant's queue is full. */
    record Refused(String reason) implements Enqueued {}
  }

  private record Band(Engine engine, int rank) {}

  private final Map<JobId, Ticket> tickets = new HashMap<>();
  // Held tickets by band, then tenant (ordered, for the turns), then seq.
  private final Map<Band, TreeMap<String, TreeMap<Long, Ticket>>> waiting = new HashMap<>();
  private final Map<Band, String> lastServed = new HashMap<>();
  private final Map<Engine, Integer> inFlight = new HashMap<>();
  private final Map<String, Integer> runningOf = new HashMap<>();
  private final Map<String, Integer> heldOf = new HashMap<>();
  private final List<Change> changes = new ArrayList<>();
  private long nextSeq;

  /** Puts back a ticket read from storage, as it was. */
  public void restore(Ticket ticket) {
    add(ticket);
    nextSeq = Math.max(nextSeq, ticket.seq() + 1);
  }

  /** Puts back whose turn it was. */
  public void restoreTurn(Engine engine, int bandRank, String tenant) {
    lastServed.put(new Band(engine, bandRank), tenant);
  }

  /**
   * Holds {@code ticket} (its seq is assigned here) until a slot is free. A job that has a ticket
   * already (an earlier attempt) gives it up first. A first attempt is refused when its tenant
   * already holds {@code maxQueuedJobs}; later attempts were admitted before and never are.
   */
  public Enqueued enqueue(Ticket ticket, JobLimits limits) {
    finish(ticket.jobId());
    if (ticket.attempt() == 1 && !limits.mayQueue(heldOf.getOrDefault(ticket.tenant(), 0), 1)) {
      return new Enqueued.Refused("client " + ticket.tenant() + " has " + heldOf.getOrDefault(ticket.tenant(), 0)
          + " pending job(s) and may have at most " + limits.maxQueuedJobs()
          + " (its maxQueuedJobs): submit again when some have started");
    }
    Ticket held = new Ticket(ticket.jobId(), ticket.attempt(), ticket.tenant(), ticket.engine(), ticket.bandRank(),
        nextSeq++, ticket.laneTopic(), ticket.assignment(), false);
    add(held);
    changes.add(new Change.Put(held));
    return new Enqueued.Held();
  }

  /** The job no longer waits nor runs (it ended, or went into a backoff): its slot, if it had one, is free. */
  public Optional<Ticket> finish(JobId jobId) {
    Ticket gone = tickets.remove(jobId);
    if (gone == null) {
      return Optional.empty();
    }
    if (gone.released()) {
      inFlight.merge(gone.engine(), -1, Integer::sum);
      runningOf.merge(gone.tenant(), -1, Integer::sum);
    } else {
      heldOf.merge(gone.tenant(), -1, Integer::sum);
      var band = new Band(gone.engine(), gone.bandRank());
      TreeMap<String, TreeMap<Long, Ticket>> tenants = waiting.get(band);
      TreeMap<Long, Ticket> queue = tenants.get(gone.tenant());
      queue.remove(gone.seq());
      if (queue.isEmpty()) {
        tenants.remove(gone.tenant());
      }
      if (tenants.isEmpty()) {
        waiting.remove(band);
      }
    }
    changes.add(new Change.Remove(jobId));
    return Optional.of(gone);
  }

  /**
   * Releases held tickets while their engine has a free slot, highest band first, tenants taking
   * turns within a band. {@code slots} gives an engine's live slots, or empty when no live worker
   * has said so: then nothing is gained by holding jobs back, and they are released at once.
   */
  public List<Ticket> release(Function<Engine, OptionalInt> slots, Function<String, JobLimits> limitsOf) {
    var released = new ArrayList<Ticket>();
    var limits = new HashMap<String, JobLimits>();
    var capacity = new HashMap<Engine, OptionalInt>();
    boolean progress = true;
    while (progress) {
      progress = false;
      for (Engine engine : engines()) {
        OptionalInt free = capacity.computeIfAbsent(engine, slots);
        if (free.isPresent() && inFlight.getOrDefault(engine, 0) >= free.getAsInt()) {
          continue;
        }
        Optional<Ticket> next = nextFor(engine, tenant -> limits.computeIfAbsent(tenant, limitsOf));
        if (next.isPresent()) {
          released.add(markReleased(next.get()));
          progress = true;
        }
      }
    }
    return released;
  }

  /** How many jobs of {@code tenant} are held back, waiting for a slot. */
  public int held(String tenant) {
    return heldOf.getOrDefault(tenant, 0);
  }

  /** How many jobs of {@code tenant} are on their lane or running. */
  public int running(String tenant) {
    return runningOf.getOrDefault(tenant, 0);
  }

  public boolean anyHeld() {
    return !waiting.isEmpty();
  }

  /** The changes since the last call, in order. */
  public List<Change> drainChanges() {
    var drained = List.copyOf(changes);
    changes.clear();
    return drained;
  }

  private List<Engine> engines() {
    return waiting.keySet().stream().map(Band::engine).distinct().sorted().toList();
  }

  /** The first ticket whose tenant may start one more, highest band first, in turn after the last served. */
  private Optional<Ticket> nextFor(Engine engine, Function<String, JobLimits> limitsOf) {
    List<Band> bands = waiting.keySet().stream().filter(b -> b.engine() == engine)
        // rank 0 is the highest band
        .sorted((a, b) -> Integer.compare(a.rank(), b.rank()))
        .toList();
    for (Band band : bands) {
      TreeMap<String, TreeMap<Long, Ticket>> tenants = waiting.get(band);
      String last = lastServed.get(band);
      // Those after the last served first, then from the start: a turn each.
      var order = new ArrayList<String>(last == null ? tenants.keySet() : tenants.tailMap(last, false).keySet());
      if (last != null) {
        order.addAll(tenants.headMap(last, true).keySet());
      }
      for (String tenant : order) {
        if (limitsOf.apply(tenant).mayStartAnother(runningOf.getOrDefault(tenant, 0))) {
          lastServed.put(band, tenant);
          changes.add(new Change.Turn(engine, band.rank(), tenant));
          return Optional.of(tenants.get(tenant).firstEntry().getValue());
        }
      }
    }
    return Optional.empty();
  }

  private Ticket markReleased(Ticket held) {
    finishQuietly(held.jobId());
    Ticket released = held.asReleased();
    add(released);
    changes.add(new Change.Put(released));
    return released;
  }

  private void finishQuietly(JobId jobId) {
    finish(jobId);
    changes.removeLast();
  }

  private void add(Ticket ticket) {
    tickets.put(ticket.jobId(), ticket);
    if (ticket.released()) {
      inFlight.merge(ticket.engine(), 1, Integer::sum);
      runningOf.merge(ticket.tenant(), 1, Integer::sum);
    } else {
      heldOf.merge(ticket.tenant(), 1, Integer::sum);
      waiting.computeIfAbsent(new Band(ticket.engine(), ticket.bandRank()), b -> new TreeMap<>())
          .computeIfAbsent(ticket.tenant(), t -> new TreeMap<>())
          .put(ticket.seq(), ticket);
    }
  }
}
