package dev.browserfleet.projector;

import dev.browserfleet.contracts.ArtifactType;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.LogLevel;
import dev.browserfleet.contracts.WaitUntil;
import dev.browserfleet.contracts.WorkerId;
import dev.browserfleet.contracts.action.Screenshot;
import dev.browserfleet.contracts.command.SubmitJob;
import dev.browserfleet.contracts.event.ActionResult;
import dev.browserfleet.contracts.event.Artifact;
import dev.browserfleet.contracts.event.JobAccepted;
import dev.browserfleet.contracts.event.JobArtifactStored;
import dev.browserfleet.contracts.event.JobCancelled;
import dev.browserfleet.contracts.event.JobFailed;
import dev.browserfleet.contracts.event.JobLogged;
import dev.browserfleet.contracts.event.JobRejected;
import dev.browserfleet.contracts.event.JobResult;
import dev.browserfleet.contracts.event.JobRequeued;
import dev.browserfleet.contracts.event.JobStarted;
import dev.browserfleet.contracts.event.JobSucceeded;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Test data: the events of one job as the dispatcher writes them, each with the next sequence and
 * one second after the previous one.
 */
public final class JobStory {

  public static final Instant SUBMITTED_AT = Instant.parse("2026-03-01T10:15:30.250Z");

  private final JobId jobId = JobId.random();
  private final UUID artifactId = UUID.randomUUID();
  private long sequence;
  private Instant submittedAt = SUBMITTED_AT;
  private Instant clock = SUBMITTED_AT;
  private int browserTypeId = 1;
  private String clientId = "acme";

  private JobStory() {}

  public static JobStory aJob() {
    return new JobStory();
  }

  public JobStory forBrowserType(int id) {
    this.browserTypeId = id;
    return this;
  }

  /** Submitted at {@code at} instead of {@link #SUBMITTED_AT}; its events follow from then. */
  public JobStory submittedAt(Instant at) {
    this.submittedAt = at;
    this.clock = at;
    return this;
  }

  public Instant submittedAt() {
    return submittedAt;
  }

  public JobStory ownedBy(String clientId) {
    this.clientId = clientId;
    return this;
  }

  public JobId jobId() {
    return jobId;
  }

  public UUID artifactId() {
    return artifactId;
  }

  public SubmitJob submission() {
    return new SubmitJob(
        jobId, clientId, browserTypeId, "http://127.0.0.1:8081/page",
        List.of(new Screenshot(null, null, null, null)), WaitUntil.LOAD, 40, 20_000, 2,
        submittedAt);
  }

  public JobAccepted accepted() {
    return new JobAccepted(UUID.randomUUID(), jobId, next(), tick(), submission(), "chromium/normal");
  }

  public JobRejected rejected(SubmitJob job, String field, String reason) {
    return new JobRejected(UUID.randomUUID(), jobId, next(), tick(), job, field, reason);
  }

  public JobStarted started(int attempt, WorkerId worker) {
    return new JobStarted(UUID.randomUUID(), jobId, next(), tick(), attempt, worker);
  }

  /** Attempt {@code attempt} failed retryably; attempt {@code attempt + 1} is queued after 1.5 s. */
  public JobRequeued requeued(int attempt, int retryCount, String reason) {
    Instant at = tick();
    return new JobRequeued(UUID.randomUUID(), jobId, next(), at, attempt, attempt + 1, retryCount, reason,
        at.plusMillis(1_500));
  }

  public JobLogged logged(String message) {
    return new JobLogged(
        UUID.randomUUID(), jobId, next(), tick(), 1, LogLevel.INFO, message,
        Map.of("action", "screenshot", "durationMs", 42));
  }

  public JobArtifactStored artifactStored() {
    return new JobArtifactStored(
        UUID.randomUUID(), jobId, next(), tick(), 1,
        new Artifact(
            artifactId, ArtifactType.SCREENSHOT, jobId + "/" + artifactId + ".png", "image/png",
            1234, "ab".repeat(32), 0));
  }

  public JobResult result() {
    return new JobResult(
        List.of(new ActionResult(0, "screenshot", true, 87, artifactId, null)),
        Map.of("title", "Test page"), null, "http://127.0.0.1:8081/page", "Test page");
  }

  public JobSucceeded succeeded() {
    return new JobSucceeded(UUID.randomUUID(), jobId, next(), tick(), 1, result());
  }

  public JobFailed failed(String reason) {
    return new JobFailed(UUID.randomUUID(), jobId, next(), tick(), 1, reason, result());
  }

  public JobCancelled cancelled(String reason) {
    return new JobCancelled(UUID.randomUUID(), jobId, next(), tick(), reason);
  }

  private long next() {
    return ++sequence;
  }

  private Instant tick() {
    Instant now = clock;
    clock = clock.plusSeconds(1);
    return now;
  }
}
