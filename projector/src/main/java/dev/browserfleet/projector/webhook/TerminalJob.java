package dev.browserfleet.projector.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A job as its callback tells it, read from the projected row once the row shows the job's end.
 *
 * @param clientId the job's owner (not in the body: the receiver knows who it is)
 * @param resultJson {@code automation_jobs.result} as JSON text, or null
 */
public record TerminalJob(
    UUID jobId,
    String clientId,
    String status,
    Integer browserTypeId,
    String browserTypeName,
    String targetUrl,
    Instant createdAt,
    Instant startedAt,
    Instant completedAt,
    int retryCount,
    String errorMessage,
    String resultJson,
    List<Artifact> artifacts) {

  public TerminalJob {
    artifacts = List.copyOf(artifacts);
  }

  public record Artifact(UUID id, String artifactType, String mimeType, Long sizeBytes, String sha256) {}
}
