package dev.browserfleet.ingest.job;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.ingest.access.Caller;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A job's live events, read from the projection: its status changes, its log lines (progress)
 * and its artifacts, then {@code end} once it has finished. Each event carries the cursor after
 * it as its id, so a client that reconnects with {@code Last-Event-ID} gets exactly what it has
 * not seen, and one that connects after the job ended still gets the whole history and the end.
 */
public final class JobEventStream {

  private static final int LOG_BATCH = 500;

  /**
   * How far a client has read: the job row's {@code updated_at} (in microseconds) of the last
   * status sent, the id of the last log line, and how many artifacts (oldest first) it has.
   */
  public record Cursor(long statusVersion, long lastLogId, int artifactsSent) {

    public static final Cursor START = new Cursor(-1, 0, 0);

    public String encode() {
      return statusVersion + "." + lastLogId + "." + artifactsSent;
    }

    /** The cursor {@code text} encodes; the start for anything else, so a bad id replays from the beginning. */
    public static Cursor decode(String text) {
      if (text == null) {
        return START;
      }
      String[] parts = text.strip().split("\\.");
      try {
        if (parts.length == 3) {
          var cursor = new Cursor(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Integer.parseInt(parts[2]));
          if (cursor.statusVersion() >= -1 && cursor.lastLogId() >= 0 && cursor.artifactsSent() >= 0) {
            return cursor;
          }
        }
      } catch (NumberFormatException e) {
        // falls through to the start
      }
      return START;
    }
  }

  /** A job's status as a {@code status} event tells it. */
  public record StatusData(
      UUID jobId, String status, Integer retryCount, String errorMessage, Instant startedAt, Instant completedAt,
      Instant updatedAt) {}

  /** The last event: the job has ended with {@code status}. */
  public record EndData(UUID jobId, String status) {}

  /** One event to send: {@code id} is the cursor after it. */
  public record Event(String id, String name, Object data) {}

  /** What happened since a cursor; {@code finished} when the stream should end after these. */
  public record Batch(List<Event> events, Cursor cursor, boolean finished) {}

  private final JobReads reads;
  private final JobQueries queries;

  public JobEventStream(JobReads reads, JobQueries queries) {
    this.reads = reads;
    this.queries = queries;
  }

  /** The events after {@code cursor}; empty when the caller may not see the job. */
  public Optional<Batch> next(JobId jobId, Caller caller, Cursor cursor) {
    Optional<JobView> found = reads.job(jobId, caller);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    JobView job = found.get();
    var events = new ArrayList<Event>();
    Cursor at = cursor;
    for (JobLogLine line : queries.logsOf(jobId, at.lastLogId(), LOG_BATCH)) {
      at = new Cursor(at.statusVersion(), line.id(), at.artifactsSent());
      events.add(new Event(at.encode(), "log", line));
    }
    List<ArtifactSummary> artifacts = job.artifacts();
    for (int i = at.artifactsSent(); i < artifacts.size(); i++) {
      at = new Cursor(at.statusVersion(), at.lastLogId(), i + 1);
      events.add(new Event(at.encode(), "artifact", artifacts.get(i)));
    }
    long version = version(job.updatedAt());
    if (version != at.statusVersion()) {
      at = new Cursor(version, at.lastLogId(), at.artifactsSent());
      events.add(new Event(at.encode(), "status", new StatusData(
          job.jobId(), job.status(), job.retryCount(), job.errorMessage(), job.startedAt(), job.completedAt(),
          job.updatedAt())));
    }
    // The end waits until every log line of the job has been sent (a batch may have been full).
    boolean finished = job.hasEnded() && events.stream().noneMatch(e -> e.name().equals("log"));
    if (finished) {
      events.add(new Event(at.encode(), "end", new EndData(job.jobId(), job.status())));
    }
    return Optional.of(new Batch(events, at, finished));
  }

  private static long version(Instant updatedAt) {
    return updatedAt == null ? 0 : ChronoUnit.MICROS.between(Instant.EPOCH, updatedAt);
  }
}
