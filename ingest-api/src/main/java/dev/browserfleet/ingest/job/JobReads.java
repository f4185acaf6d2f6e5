package dev.browserfleet.ingest.job;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.ingest.access.Caller;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Answers reads of jobs, their artifacts and logs. The projection is the truth; a job accepted
 * here that it does not show yet is answered from {@link RecentSubmissions} as pending, never as
 * unknown.
 */
public final class JobReads {

  /** Most jobs on one page of a listing. */
  public static final int MAX_PAGE = 100;

  private final JobQueries queries;
  private final RecentSubmissions recent;
  private final ArtifactStore artifacts;

  public JobReads(JobQueries queries, RecentSubmissions recent, ArtifactStore artifacts) {
    this.queries = queries;
    this.recent = recent;
    this.artifacts = artifacts;
  }

  public Optional<JobView> job(JobId jobId, Caller caller) {
    Optional<JobView> projected = queries.findJob(jobId, caller);
    if (projected.isPresent()) {
      return projected;
    }
    return recent.find(jobId).filter(job -> caller.maySee(job.clientId())).map(JobView::pending);
  }

  /** A page of the caller's jobs, newest first; {@code limit} is between 1 and {@link #MAX_PAGE}. */
  public JobPage list(JobFilter filter, PageCursor after, int limit, Caller caller) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_PAGE + ", not " + limit);
    }
    // One more than asked tells whether a next page exists without counting.
    List<JobSummary> rows = queries.listJobs(filter, after, limit + 1, caller);
    if (rows.size() <= limit) {
      return new JobPage(rows, null);
    }
    List<JobSummary> page = rows.subList(0, limit);
    JobSummary last = page.getLast();
    return new JobPage(page, new PageCursor(last.createdAt(), last.jobId()).encode());
  }

  /** The artifacts of a job the caller may see; empty when it may not see the job. */
  public Optional<List<ArtifactSummary>> artifacts(JobId jobId, Caller caller) {
    return job(jobId, caller).map(job -> queries.artifactsOf(jobId));
  }

  /** Log lines of a job the caller may see; empty when it may not see the job. */
  public Optional<List<JobLogLine>> logs(JobId jobId, long afterId, int limit, Caller caller) {
    return job(jobId, caller).map(job -> queries.logsOf(jobId, afterId, limit));
  }

  /** The webhook delivery attempts of a job the caller may see; empty when it may not see the job. */
  public Optional<List<DeliveryAttemptView>> deliveries(JobId jobId, Caller caller) {
    return job(jobId, caller).map(job -> queries.deliveriesOf(jobId));
  }

  public Optional<ArtifactContent> artifact(JobId jobId, UUID artifactId, Caller caller) {
    return queries.findArtifact(jobId, artifactId, caller).flatMap(this::content);
  }

  private Optional<ArtifactContent> content(StoredArtifact artifact) {
    if (artifact.filePath() == null) {
      return Optional.ofNullable(artifact.inlineData())
          .map(
              bytes ->
                  new ArtifactContent.Inline(
                      artifact.id(), artifact.artifactType(), bytes, artifact.mimeType(),
                      artifact.sha256() != null ? artifact.sha256() : sha256(bytes)));
    }
    return artifacts.locate(artifact.filePath()).flatMap(path -> fileContent(artifact, path));
  }

  private static Optional<ArtifactContent> fileContent(StoredArtifact artifact, Path path) {
    try {
      long size = Files.size(path);
      // Rows from workers carry the digest; one without is hashed here, so every download has an ETag.
      String sha256 = artifact.sha256() != null ? artifact.sha256() : sha256(path);
      return Optional.of(
          new ArtifactContent.StoredFile(artifact.id(), artifact.artifactType(), path, artifact.mimeType(), size, sha256));
    } catch (NoSuchFileException e) {
      return Optional.empty(); // removed by retention between the lookup and now
    } catch (IOException e) {
      throw new UncheckedIOException("could not read artifact file " + path, e);
    }
  }

  private static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  private static String sha256(Path path) throws IOException {
    MessageDigest digest = digest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(path), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
