package dev.browserfleet.projector.projection;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.JobStatus;
import dev.browserfleet.contracts.WaitUntil;
import dev.browserfleet.contracts.action.Action;
import dev.browserfleet.contracts.event.JobResult;
import java.time.Instant;
import java.util.List;

/** A whole {@code automation_jobs} row as the first event of a job defines it. */
public record JobRow(
    JobId id,
    String clientId,
    Integer browserTypeId,
    String targetUrl,
    List<Action> actions,
    WaitUntil waitUntil,
    JobStatus status,
    int priority,
    int retryCount,
    int maxRetries,
    int timeoutMs,
    Instant createdAt,
    Instant startedAt,
    Instant completedAt,
    String errorMessage,
    JobResult result,
    Instant updatedAt,
    long lastEventSeq) {

  public JobRow {
    actions = List.copyOf(actions);
  }
}
