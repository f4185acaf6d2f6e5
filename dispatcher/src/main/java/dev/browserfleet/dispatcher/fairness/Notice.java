package dev.browserfleet.dispatcher.fairness;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.lane.PriorityBands;
import dev.browserfleet.dispatcher.lifecycle.Decision;
import dev.browserfleet.dispatcher.lifecycle.JobPhase;
import dev.browserfleet.dispatcher.lifecycle.JobState;
import dev.browserfleet.dispatcher.lifecycle.Output;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What the job lifecycle tells {@link FairShare}: an attempt wants a slot (where the lifecycle
 * used to put it on its lane at once), or a job stopped wanting or holding one.
 *
 * @param kind {@code enqueue} with a {@code ticket}, or {@code finish} with a {@code jobId}
 */
public record Notice(String kind, Ticket ticket, JobId jobId) {

  public static final String ENQUEUE = "enqueue";
  public static final String FINISH = "finish";

  /** Phases in which a job waits for a slot or holds one. */
  private static final Set<JobPhase> IN_LINE = EnumSet.of(JobPhase.QUEUED, JobPhase.RUNNING);

  public static Notice enqueue(Ticket ticket) {
    return new Notice(ENQUEUE, ticket, ticket.jobId());
  }

  public static Notice finish(JobId jobId) {
    return new Notice(FINISH, null, jobId);
  }

  /**
   * The notices a decision implies: one {@code enqueue} for each attempt it queues, and a {@code
   * finish} when it takes the job out of line (it ended, or waits out a backoff).
   */
  public static List<Notice> of(JobState before, Decision decision, PriorityBands bands) {
    var notices = new ArrayList<Notice>();
    JobState after = decision.state();
    for (Output output : decision.outputs()) {
      if (output instanceof Output.Assign assign && after != null) {
        var a = assign.assignment();
        int rank = rankOf(bands, after.lane().band());
        String tenant = after.job() == null ? null : after.job().clientId();
        notices.add(enqueue(new Ticket(a.jobId(), a.attempt(), tenant, a.browserType().type(), rank, 0,
            assign.laneTopic(), a, false)));
      }
    }
    if (before != null && after != null && IN_LINE.contains(before.phase()) && !IN_LINE.contains(after.phase())) {
      notices.add(finish(after.jobId()));
    }
    return notices;
  }

  private static int rankOf(PriorityBands bands, String band) {
    for (int i = 0; i < bands.bands().size(); i++) {
      if (bands.bands().get(i).name().equals(band)) {
        return i;
      }
    }
    return bands.bands().size();
  }
}
