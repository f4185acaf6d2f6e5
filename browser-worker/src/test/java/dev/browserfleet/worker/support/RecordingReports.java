package dev.browserfleet.worker.support;

import dev.browserfleet.contracts.LogLevel;
import dev.browserfleet.contracts.event.Artifact;
import dev.browserfleet.worker.execution.AttemptReports;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what an attempt reported, for assertions. */
public final class RecordingReports implements AttemptReports {

  public record Logged(LogLevel level, String message, Map<String, Object> metadata) {}

  public record Progress(int index, int count, String action, String target, long durationMs, boolean success,
      String error) {}

  private final List<Logged> logs = new CopyOnWriteArrayList<>();
  private final List<Artifact> artifacts = new CopyOnWriteArrayList<>();
  private final List<Progress> progress = new CopyOnWriteArrayList<>();
  private volatile int started;

  public List<Logged> logs() {
    return logs;
  }

  public List<Artifact> artifacts() {
    return artifacts;
  }

  public List<Progress> progress() {
    return progress;
  }

  public int startedCount() {
    return started;
  }

  @Override
  public void started() {
    started++;
  }

  @Override
  public void logged(LogLevel level, String message, Map<String, Object> metadata) {
    logs.add(new Logged(level, message, metadata));
  }

  @Override
  public void artifactStored(Artifact artifact) {
    artifacts.add(artifact);
  }

  @Override
  public void progressed(
      int index, int count, String action, String target, long durationMs, boolean success, String error) {
    progress.add(new Progress(index, count, action, target, durationMs, success, error));
  }
}
