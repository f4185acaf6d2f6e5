package dev.browserfleet.ingest.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.artifacts.DirectoryArtifactStore;
import dev.browserfleet.artifacts.S3ArtifactStore;
import dev.browserfleet.artifacts.S3Settings;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.ingest.access.Caller;
import dev.browserfleet.testing.SharedInfrastructure;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** With pre-signed downloads configured, a read answers with a URL of the store, against a real S3 server. */
class PresignedDownloadsTest {

  private static final JobId JOB = JobId.random();

  @Test
  void aDownloadFromS3IsAShortLivedUrlThatServesTheBytesWithTheirFileName() throws Exception {
    var s3 = SharedInfrastructure.s3();
    var settings = new S3Settings(s3.endpoint(), "us-east-1", SharedInfrastructure.newBucket("presigned"),
        s3.accessKey(), s3.secretKey(), true, "", S3Settings.MIN_PART_SIZE);
    try (var store = new S3ArtifactStore(settings).ensureBucket()) {
      String key = JOB + "/" + UUID.randomUUID() + ".png";
      var written = store.write(key, new ByteArrayInputStream("png!".getBytes(StandardCharsets.UTF_8)), "image/png");
      UUID artifactId = UUID.randomUUID();
      var reads = new JobReads(oneArtifact(new StoredArtifact(artifactId, "screenshot", "image/png", 4L,
          written.sha256(), key, null)), recent(), store, Duration.ofMinutes(2));

      var content = reads.artifact(JOB, artifactId, new Caller.Admin()).orElseThrow();

      assertThat(content).isInstanceOf(ArtifactContent.Presigned.class);
      var presigned = (ArtifactContent.Presigned) content;
      assertThat(presigned.sha256()).isEqualTo(written.sha256());
      try (var http = HttpClient.newHttpClient()) {
        var response = http.send(HttpRequest.newBuilder(presigned.url()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("png!");
        assertThat(response.headers().firstValue("Content-Disposition"))
            .contains("attachment; filename=\"screenshot-" + artifactId + ".png\"");
      }
    }
  }

  @Test
  void aDirectoryCannotPresignSoTheBytesAreStreamed() throws Exception {
    Path root = java.nio.file.Files.createTempDirectory("presign-dir-");
    try {
      var store = new DirectoryArtifactStore(root);
      String key = JOB + "/a.png";
      var written = store.write(key, new ByteArrayInputStream(new byte[] {7}), "image/png");
      UUID artifactId = UUID.randomUUID();
      var reads = new JobReads(oneArtifact(new StoredArtifact(artifactId, "screenshot", "image/png", 1L,
          written.sha256(), key, null)), recent(), store, Duration.ofMinutes(2));

      var content = reads.artifact(JOB, artifactId, new Caller.Admin()).orElseThrow();

      assertThat(content).isInstanceOf(ArtifactContent.Streamed.class);
      try (var stream = ((ArtifactContent.Streamed) content).content()) {
        assertThat(stream.readAllBytes()).containsExactly(7);
      }
    } finally {
      dev.browserfleet.testing.TempDirs.deleteRecursively(root);
    }
  }

  private static RecentSubmissions recent() {
    return new RecentSubmissions(10, Duration.ofMinutes(1), Clock.systemUTC());
  }

  private static JobQueries oneArtifact(StoredArtifact artifact) {
    return new NothingProjected() {
      @Override
      public Optional<StoredArtifact> findArtifact(JobId jobId, UUID id, Caller caller) {
        return jobId.equals(JOB) && id.equals(artifact.id()) ? Optional.of(artifact) : Optional.empty();
      }
    };
  }
}
