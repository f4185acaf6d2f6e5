package dev.browserfleet.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.ingest.support.Http;
import dev.browserfleet.ingest.support.IngestApiIntegrationTest;
import dev.browserfleet.ingest.support.ProjectedRows;
import dev.browserfleet.ingest.support.TestEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Reads served from rows written here as the projector would write them. */
class JobReadTest extends IngestApiIntegrationTest {

  @Test
  void aProjectedJobIsServedWithItsArtifactsInCamelCase() throws IOException {
    UUID jobId = aCompletedJobOf("acme");
    byte[] png = somePng();
    UUID artifactId = anArtifactFile(jobId, "jobs/" + jobId + "/shot.png", png);

    Http.Response response = http.get("/api/v1/jobs/" + jobId, clientKey("acme"));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode job = response.json();
    assertThat(job.get("jobId").asString()).isEqualTo(jobId.toString());
    assertThat(job.get("status").asString()).isEqualTo("completed");
    assertThat(job.get("browserTypeId").asInt()).isEqualTo(1);
    assertThat(job.get("targetUrl").asString()).isEqualTo(PUBLIC_URL);
    assertThat(job.get("actions").get(0).get("action").asString()).isEqualTo("screenshot");
    assertThat(job.get("waitUntil").asString()).isEqualTo("load");
    assertThat(job.get("priority").asInt()).isEqualTo(50);
    assertThat(job.get("retryCount").asInt()).isEqualTo(1);
    assertThat(job.get("maxRetries").asInt()).isEqualTo(3);
    assertThat(job.get("timeoutMs").asInt()).isEqualTo(30000);
    assertThat(job.get("errorMessage").isNull()).isTrue();
    assertThat(job.get("result").get("title").asString()).isEqualTo("Example");
    assertThat(job.get("createdAt").asString()).isEqualTo("2026-03-01T10:00:00.123456Z");
    assertThat(job.get("startedAt").asString()).isEqualTo("2026-03-01T10:00:01.123456Z");
    assertThat(job.get("completedAt").asString()).isEqualTo("2026-03-01T10:00:02.623456Z");
    assertThat(job.get("updatedAt").asString()).isEqualTo("2026-03-01T10:00:02.623456Z");
    JsonNode artifact = job.get("artifacts").get(0);
    assertThat(job.get("artifacts")).hasSize(1);
    assertThat(artifact.get("id").asString()).isEqualTo(artifactId.toString());
    assertThat(artifact.get("artifactType").asString()).isEqualTo("screenshot");
    assertThat(artifact.get("mimeType").asString()).isEqualTo("image/png");
    assertThat(artifact.get("sizeBytes").asLong()).isEqualTo(png.length);
    assertThat(artifact.propertyNames())
        .containsExactlyInAnyOrder("id", "artifactType", "mimeType", "sizeBytes", "sha256", "createdAt");
  }

  @Test
  void anArtifactIsStreamedWithItsContentTypeAndLength() throws IOException {
    UUID jobId = aCompletedJobOf("acme");
    byte[] png = somePng();
    UUID artifactId = anArtifactFile(jobId, "jobs/" + jobId + "/shot.png", png);

    Http.Response response = http.get("/api/v1/jobs/" + jobId + "/artifacts/" + artifactId, clientKey("acme"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).isEqualTo("image/png");
    assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(png.length));
    assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.bytes()).isEqualTo(png);
  }

  @Test
  void anotherClientsJobAndArtifactAreNotFound() throws IOException {
    UUID jobId = aCompletedJobOf("acme");
    UUID artifactId = anArtifactFile(jobId, "jobs/" + jobId + "/shot.png", somePng());
    String otherKey = clientKey("globex");

    assertThat(http.get("/api/v1/jobs/" + jobId, otherKey).status()).isEqualTo(404);
    assertThat(http.get("/api/v1/jobs/" + jobId + "/artifacts/" + artifactId, otherKey).status()).isEqualTo(404);
    assertThat(http.get("/api/v1/jobs/" + jobId + "/artifacts/" + artifactId, adminKey()).status()).isEqualTo(200);
  }

  @Test
  void aJobWithoutAnOwnerIsVisibleToAdminsOnly() {
    UUID jobId = aCompletedJobOf(null);

    assertThat(http.get("/api/v1/jobs/" + jobId, clientKey("acme")).status()).isEqualTo(404);
    assertThat(http.get("/api/v1/jobs/" + jobId, adminKey()).status()).isEqualTo(200);
  }

  @Test
  void anArtifactWhoseFileIsMissingIsGone() {
    UUID jobId = aCompletedJobOf("acme");
    UUID artifactId = anArtifactRow(jobId, "jobs/" + jobId + "/never-written.png", 10);

    Http.Response response = http.get("/api/v1/jobs/" + jobId + "/artifacts/" + artifactId, clientKey("acme"));

    // The row is there, its bytes are not: 410, not a 500 and not the 404 of an unknown artifact.
    assertThat(response.status()).isEqualTo(410);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("type").asString()).isEqualTo("https://browserfleet.dev/problems/artifact-gone");
  }

  @Test
  void anArtifactPathThatEscapesTheArtifactDirectoryIsNeverServed() throws IOException {
    Path outside = Files.createTempFile("outside-artifacts-", ".txt");
    try {
      Files.writeString(outside, "secret");
      UUID jobId = aCompletedJobOf("acme");
      Path root = TestEnvironment.artifactDir();
      UUID dotDot = anArtifactRow(jobId, root.relativize(outside).toString(), 6);
      UUID absolute = anArtifactRow(jobId, outside.toString(), 6);

      // Served as gone, as a missing file is: nothing outside the directory is ever read.
      assertThat(http.get("/api/v1/jobs/" + jobId + "/artifacts/" + dotDot, adminKey()).status()).isEqualTo(410);
      assertThat(http.get("/api/v1/jobs/" + jobId + "/artifacts/" + absolute, adminKey()).status()).isEqualTo(410);
    } finally {
      Files.delete(outside);
    }
  }

  @Test
  void anUnknownArtifactOrABadArtifactIdIsAClientError() {
    UUID jobId = aCompletedJobOf("acme");

    assertThat(http.get("/api/v1/jobs/" + jobId + "/artifacts/" + UUID.randomUUID(), clientKey("acme")).status())
        .isEqualTo(404);
    assertThat(http.get("/api/v1/jobs/" + jobId + "/artifacts/42", clientKey("acme")).status()).isEqualTo(400);
  }

  @Test
  void theBrowserTypesAreListedFromTheTable() {
    Http.Response response = http.get("/api/v1/browser-types", clientKey("acme"));

    assertThat(response.status()).isEqualTo(200);
    JsonNode first = response.json().get(0);
    assertThat(first.get("id").asInt()).isEqualTo(1);
    assertThat(first.get("name").asString()).isEqualTo("Chromium");
    assertThat(first.get("type").asString()).isEqualTo("chromium");
    assertThat(first.get("deviceType").asString()).isEqualTo("desktop");
    assertThat(first.get("viewportWidth").asInt()).isEqualTo(1280);
    assertThat(first.get("viewportHeight").asInt()).isEqualTo(720);
    assertThat(first.get("isActive").asBoolean()).isTrue();
    assertThat(first.has("userAgent")).isTrue();
    JsonNode mobile = response.json().get(1);
    assertThat(mobile.get("name").asString()).isEqualTo("Chromium Mobile");
    assertThat(mobile.get("deviceType").asString()).isEqualTo("mobile");
    assertThat(mobile.get("userAgent").asString()).contains("Android");
  }

  private UUID aCompletedJobOf(String clientId) {
    return rows().job(clientId).insert();
  }

  private UUID anArtifactFile(UUID jobId, String relativePath, byte[] bytes) {
    return rows().artifactFile(jobId, relativePath, bytes, null);
  }

  private UUID anArtifactRow(UUID jobId, String filePath, long size) {
    return rows().artifactRow(jobId, filePath, size, null);
  }

  private ProjectedRows rows() {
    return new ProjectedRows(jdbc);
  }

  // PNG signature plus arbitrary bytes: the API streams bytes, it does not decode images.
  private static byte[] somePng() {
    byte[] bytes = new byte[4096];
    new Random(7).nextBytes(bytes);
    byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    System.arraycopy(signature, 0, bytes, 0, signature.length);
    return bytes;
  }
}
