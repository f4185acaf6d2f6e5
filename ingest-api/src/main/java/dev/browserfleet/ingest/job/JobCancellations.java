package dev.browserfleet.ingest.job;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.command.CancelJob;
import dev.browserfleet.ingest.access.Caller;
import dev.browserfleet.ingest.publish.RecordPublisher;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Asks the dispatcher to cancel a job, after checking here what the caller may know: the job must
 * be one it may see, and not already ended. The dispatcher owns the outcome; a job that ends
 * while the command is on its way simply keeps that end.
 */
public final class JobCancellations {

  private static final String REASON = "cancelled through the API";

  private final JobReads reads;
  private final RecordPublisher publisher;
  private final Clock clock;

  public JobCancellations(JobReads reads, RecordPublisher publisher, Clock clock) {
    this.reads = reads;
    this.publisher = publisher;
    this.clock = clock;
  }

  /**
   * @throws dev.browserfleet.ingest.publish.PublicationFailedException when the broker did not take it
   */
  public CancelOutcome cancel(JobId jobId, Caller caller) {
    Optional<JobView> job = reads.job(jobId, caller);
    if (job.isEmpty()) {
      return new CancelOutcome.NotFound(jobId.value());
    }
    String status = job.get().status();
    if (job.get().hasEnded()) {
      return new CancelOutcome.AlreadyFinished(jobId.value(), status);
    }
    var command = new CancelJob(jobId, caller.owningClientId(), REASON, clock.instant().truncatedTo(ChronoUnit.MICROS));
    publisher.publish(Topics.JOB_COMMANDS, jobId.toString(), command);
    return new CancelOutcome.Requested(jobId.value(), status);
  }
}
