package dev.browserfleet.contracts.lane;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.WaitUntil;
import dev.browserfleet.contracts.action.Action;
import dev.browserfleet.contracts.action.BrowserStorage;
import dev.browserfleet.contracts.reference.BrowserType;
import java.time.Instant;
import java.util.List;

/**
 * One attempt of a job, queued on a lane topic for the workers of its engine. It carries all a
 * worker needs, the resolved browser type included, so that workers keep no reference data.
 */
public record JobAssignment(
    JobId jobId,
    int attempt,
    String lane,
    BrowserType browserType,
    String targetUrl,
    List<Action> actions,
    WaitUntil waitUntil,
    int timeoutMs,
    int priority,
    Instant assignedAt,
    BrowserStorage browserStorage) {

  public JobAssignment {
    actions = List.copyOf(actions);
  }

  /** An assignment whose browser starts with no cookies or storage. */
  public JobAssignment(
      JobId jobId,
      int attempt,
      String lane,
      BrowserType browserType,
      String targetUrl,
      List<Action> actions,
      WaitUntil waitUntil,
      int timeoutMs,
      int priority,
      Instant assignedAt) {
    this(jobId, attempt, lane, browserType, targetUrl, actions, waitUntil, timeoutMs, priority, assignedAt, null);
  }
}
