package dev.browserfleet.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.ingest.support.Http;
import dev.browserfleet.ingest.support.IngestApiIntegrationTest;
import dev.browserfleet.ingest.support.ProjectedRows;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A job's artifact list, downloads with their validators, and its log lines. */
class JobArtifactsAndLogsTest extends IngestApiIntegrationTest {

  private static final byte[] PDF = "%PDF-1.7 not really a pdf".getBytes(StandardCharsets.US_ASCII);

  @Test
  void theArtifactsOfAJobAreListedAsMetadataOnly() throws Exception {
    UUID jobId = rows().job("acme").insert();
    UUID artifactId = rows().artifactFile(jobId, "jobs/" + jobId + "/a.pdf", PDF, sha256(PDF));

    Http.Response response = http.get("/api/v1/jobs/" + jobId + "/artifacts", clientKey("acme"));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode item = response.json().get("items").get(0);
    assertThat(item.get("id").asString()).isEqualTo(artifactId.toString());
    assertThat(item.get("sizeBytes").asLong()).isEqualTo(PDF.length);
    assertThat(item.get("sha256").asString()).isEqualTo(sha256(PDF));
    assertThat(item.propertyNames()).doesNotContain("filePath", "fileData");
    assertThat(http.get("/api/v1/jobs/" + jobId + "/artifacts", clientKey("globex")).status()).isEqualTo(404);
  }

  @Test
  void aDownloadCarriesItsDigestAsETagAndAFileName() throws Exception {
    UUID jobId = rows().job("acme").insert();
    UUID artifactId = rows().artifactFile(jobId, "jobs/" + jobId + "/b.png", PDF, sha256(PDF));
    String path = "/api/v1/jobs/" + jobId + "/artifacts/" + artifactId;

    Http.Response download = http.get(path, clientKey("acme"));

    assertThat(download.status()).isEqualTo(200);
    assertThat(download.header("ETag")).isEqualTo("\"" + sha256(PDF) + "\"");
    assertThat(download.header("Content-Disposition"))
        .isEqualTo("attachment; filename=\"screenshot-" + artifactId + ".png\"");
    assertThat(download.header("Content-Length")).isEqualTo(Integer.toString(PDF.length));
    assertThat(download.bytes()).isEqualTo(PDF);

    Http.Response again =
        http.exchange("GET", path, Map.of("X-API-Key", clientKey("acme"), "If-None-Match", download.header("ETag")), null);
    assertThat(again.status()).isEqualTo(304);
    assertThat(again.bytes()).isEmpty();
  }

  @Test
  void anArtifactWithoutARecordedDigestIsHashedForItsETag() throws Exception {
    UUID jobId = rows().job("acme").insert();
    UUID artifactId = rows().artifactFile(jobId, "jobs/" + jobId + "/c.png", PDF, null);

    Http.Response download = http.get("/api/v1/jobs/" + jobId + "/artifacts/" + artifactId, clientKey("acme"));

    assertThat(download.header("ETag")).isEqualTo("\"" + sha256(PDF) + "\"");
  }

  @Test
  void logLinesAreServedInOrderAndInPages() {
    UUID jobId = rows().job("acme").insert();
    rows().log(jobId, "info", "navigating");
    rows().log(jobId, "warn", "slow page");
    rows().log(jobId, "info", "done");

    Http.Response first = http.get("/api/v1/jobs/" + jobId + "/logs?limit=2", clientKey("acme"));
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(first.json().get("items").valueStream().map(l -> l.get("message").asString()))
        .containsExactly("navigating", "slow page");
    assertThat(first.json().get("items").get(1).get("level").asString()).isEqualTo("warn");
    assertThat(first.json().get("items").get(0).get("metadata").get("attempt").asInt()).isEqualTo(1);
    long next = first.json().get("nextAfter").asLong();

    Http.Response rest = http.get("/api/v1/jobs/" + jobId + "/logs?limit=2&after=" + next, clientKey("acme"));
    assertThat(rest.json().get("items").valueStream().map(l -> l.get("message").asString())).containsExactly("done");
    assertThat(rest.json().get("nextAfter").isNull()).isTrue();

    assertThat(http.get("/api/v1/jobs/" + jobId + "/logs", clientKey("globex")).status()).isEqualTo(404);
    assertThat(http.get("/api/v1/jobs/" + jobId + "/logs?after=-1", clientKey("acme")).status()).isEqualTo(400);
  }

  private ProjectedRows rows() {
    return new ProjectedRows(jdbc);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
