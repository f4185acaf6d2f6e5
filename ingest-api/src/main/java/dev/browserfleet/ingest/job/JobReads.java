package dev.browserfleet.ingest.job;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.ingest.access.Caller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * Answers reads of jobs and artifacts. The projection is the truth; a job accepted here that it
 * does not show yet is answered from {@link RecentSubmissions} as pending, never as unknown.
 */
public final class JobReads {

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

  public Optional<ArtifactContent> artifact(JobId jobId, UUID artifactId, Caller caller) {
    return queries.findArtifact(jobId, artifactId, caller).flatMap(this::content);
  }

  private Optional<ArtifactContent> content(StoredArtifact artifact) {
    if (artifact.filePath() == null) {
      return Optional.ofNullable(artifact.inlineData())
          .map(bytes -> new ArtifactContent.Inline(bytes, artifact.mimeType()));
    }
    return artifacts.locate(artifact.filePath()).flatMap(path -> fileContent(path, artifact.mimeType()));
  }

  private static Optional<ArtifactContent> fileContent(Path path, String mimeType) {
    try {
      return Optional.of(new ArtifactContent.StoredFile(path, mimeType, Files.size(path)));
    } catch (java.nio.file.NoSuchFileException e) {
      return Optional.empty(); // removed by retention between the lookup and now
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the size of artifact file " + path, e);
    }
  }
}
