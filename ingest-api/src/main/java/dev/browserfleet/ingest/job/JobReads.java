package dev.browserfleet.ingest.job;

import dev.browserfleet.artifacts.ArtifactStore;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.command.SubmitJob;
import dev.browserfleet.ingest.access.Caller;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Answers reads of jobs, their artifacts and logs. The projection is the truth; a job accepted
 * here, or by another replica, that it does not show yet is answered from {@link
 * RecentSubmissions} as pending, never as unknown.
 */
public final class JobReads {

  /** Most jobs on one page of a listing. */
  public static final int MAX_PAGE = 100;

  /** How long a read of a job found nowhere waits to learn what other replicas accepted. */
  static final Duration CATCH_UP = Duration.ofSeconds(2);

  private final JobQueries queries;
  private final RecentSubmissions recent;
  private final ArtifactStore artifacts;
  private final Duration presignedDownloads;
  private final AcceptedElsewhere elsewhere;

  public JobReads(JobQueries queries, RecentSubmissions recent, ArtifactStore artifacts) {
    this(queries, recent, artifacts, Duration.ZERO);
  }

  /**
   * @param presignedDownloads when positive, downloads of a store that can pre-sign URLs (S3) answer
   *     with a URL valid this long instead of the bytes
   */
  public JobReads(JobQueries queries, RecentSubmissions recent, ArtifactStore artifacts, Duration presignedDownloads) {
    this(queries, recent, AcceptedElsewhere.NONE, artifacts, presignedDownloads);
  }

  /** @param elsewhere how this replica learns the jobs that other replicas accepted */
  public JobReads(JobQueries queries, RecentSubmissions recent, AcceptedElsewhere elsewhere, ArtifactStore artifacts,
      Duration presignedDownloads) {
    this.queries = queries;
    this.recent = recent;
    this.elsewhere = elsewhere;
    this.artifacts = artifacts;
    this.presignedDownloads = presignedDownloads;
  }

  public Optional<JobView> job(JobId jobId, Caller caller) {
    Optional<JobView> projected = queries.findJob(jobId, caller);
    if (projected.isPresent()) {
      return projected;
    }
    Optional<SubmitJob> accepted = recent.find(jobId);
    if (accepted.isEmpty() && elsewhere.catchUp(CATCH_UP)) {
      accepted = recent.find(jobId);
      if (accepted.isEmpty()) {
        return queries.findJob(jobId, caller); // projected meanwhile
      }
    }
    return accepted.filter(job -> caller.maySee(job.clientId())).map(JobView::pending);
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

  /**
   * The download of an artifact of a job the caller may see: empty when there is no such artifact
   * for this caller; {@link ArtifactContent.Gone} when its row is there but its object is not.
   */
  public Optional<ArtifactContent> artifact(JobId jobId, UUID artifactId, Caller caller) {
    return queries.findArtifact(jobId, artifactId, caller).map(this::content);
  }

  private ArtifactContent content(StoredArtifact artifact) {
    if (artifact.filePath() == null) {
      byte[] bytes = artifact.inlineData();
      if (bytes == null) {
        return new ArtifactContent.Gone(artifact.id());
      }
      return new ArtifactContent.Inline(artifact.id(), artifact.artifactType(), bytes, artifact.mimeType(),
          artifact.sha256() != null ? artifact.sha256() : sha256(bytes));
    }
    if (artifact.sha256() != null && presignedDownloads.isPositive()) {
      var url = artifacts.presignedDownload(artifact.filePath(), presignedDownloads, artifact.mimeType(),
          ArtifactFileNames.attachment(artifact.artifactType(), artifact.id(), artifact.mimeType()));
      if (url.isPresent()) {
        return new ArtifactContent.Presigned(artifact.id(), artifact.sha256(), url.get());
      }
    }
    // Rows from workers carry the digest; one without is hashed here, so every download has an ETag.
    String sha256 = artifact.sha256();
    if (sha256 == null) {
      Optional<String> hashed = artifacts.open(artifact.filePath()).map(JobReads::sha256);
      if (hashed.isEmpty()) {
        return new ArtifactContent.Gone(artifact.id());
      }
      sha256 = hashed.get();
    }
    String digest = sha256;
    return artifacts.open(artifact.filePath())
        .<ArtifactContent>map(stored -> new ArtifactContent.Streamed(artifact.id(), artifact.artifactType(),
            artifact.mimeType(), stored.length(), digest, stored.content()))
        .orElseGet(() -> new ArtifactContent.Gone(artifact.id()));
  }

  private static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  private static String sha256(ArtifactStore.Stored stored) {
    MessageDigest digest = digest();
    try (stored; InputStream in = new DigestInputStream(stored.content(), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new UncheckedIOException("could not read an artifact to hash it", e);
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
