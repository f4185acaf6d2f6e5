package dev.browserfleet.dispatcher.fairness;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.lane.JobAssignment;

/**
 * One attempt waiting for a browser slot, or holding one: what {@link FairShare} needs to choose it
 * and to put it on its lane.
 *
 * @param tenant the client whose turn it takes ("" for jobs without one)
 * @param bandRank the rank of its priority band, 0 for the highest
 * @param seq its place in the tenant's queue: lower goes first
 * @param released whether it is on its lane (holding a slot) rather than held back
 */
public record Ticket(
    JobId jobId,
    int attempt,
    String tenant,
    Engine engine,
    int bandRank,
    long seq,
    String laneTopic,
    JobAssignment assignment,
    boolean released) {

  public Ticket {
    tenant = tenant == null ? "" : tenant;
  }

  Ticket asReleased() {
    return new Ticket(jobId, attempt, tenant, engine, bandRank, seq, laneTopic, assignment, true);
  }

  Ticket withSeq(long next) {
    return new Ticket(jobId, attempt, tenant, engine, bandRank, next, laneTopic, assignment, released);
  }
}
