package dev.browserfleet.contracts;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;

/** The five projected job statuses of SCHEMA.md. Its wire and database name is the lower-case {@link #wireName()}. */
public enum JobStatus implements WireEnum {
  PENDING("pending"), PROCESSING("processing"), COMPLETED("completed"), FAILED("failed"), CANCELLED("cancelled");

  /**
   * The PostgreSQL notification channel on which the projector names each job (its id as the
   * payload) whose row it has just moved to an end status, when that transaction commits.
   */
  public static final String ENDED_CHANNEL = "bf_job_ended";

  private final String wireName;

  JobStatus(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  @Override
  public String wireName() {
    return wireName;
  }

  /** Whether a job with this status has ended: completed, failed or cancelled. */
  public boolean hasEnded() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }

  /** The wire names of the statuses in which a job has ended. */
  public static List<String> endedWireNames() {
    return Arrays.stream(values()).filter(JobStatus::hasEnded).map(JobStatus::wireName).toList();
  }

  @Override
  public String toString() {
    return wireName;
  }
}
