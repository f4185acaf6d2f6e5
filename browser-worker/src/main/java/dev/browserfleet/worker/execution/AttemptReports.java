package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.LogLevel;
import dev.browserfleet.contracts.event.Artifact;
import java.util.Map;

/**
 * Where an attempt reports what it does while it runs. The outcome itself is not reported here:
 * the caller reports it durably before it lets go of the job.
 */
public interface AttemptReports {

  /** The job was taken and its browser session is ready. */
  void started();

  void logged(LogLevel level, String message, Map<String, Object> metadata);

  void artifactStored(Artifact artifact);

  /**
   * Action {@code index} (0-based) of {@code count} ended after {@code durationMs}.
   *
   * @param target how the action's element was named, or {@code null}
   * @param error why it failed, or {@code null} when it succeeded
   */
  void progressed(int index, int count, String action, String target, long durationMs, boolean success, String error);
}
