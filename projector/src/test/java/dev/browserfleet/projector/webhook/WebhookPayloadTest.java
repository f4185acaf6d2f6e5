package dev.browserfleet.projector.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WebhookPayloadTest {

  @Test
  void theBodyTellsTheJobsEndWithEachArtifactsDigestAndDownloadPath() {
    UUID jobId = UUID.fromString("0b8e9c1e-4f6a-4d1e-9a57-3c2f1d0e8b7a");
    UUID artifactId = UUID.fromString("7d3f6b2a-1c4e-4a8b-9f0d-2e5c7a9b1d3f");
    var job = new TerminalJob(jobId, "acme", "completed", 1, "Chromium", "https://example.com/",
        Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:01Z"), Instant.parse("2026-12-01T00:00:02Z"),
        1, null, "{\"actions\":[],\"data\":{\"title\":\"Example\"}}",
        List.of(new TerminalJob.Artifact(artifactId, "screenshot", "image/png", 1234L, "ab".repeat(32))));

    JsonNode body = JsonCodec.readTree(WebhookPayload.json(job).getBytes(StandardCharsets.UTF_8));

    assertThat(body.path("type").asString()).isEqualTo("job.ended");
    assertThat(body.path("jobId").asString()).isEqualTo(jobId.toString());
    assertThat(body.path("status").asString()).isEqualTo("completed");
    assertThat(body.path("browserTypeId").asInt()).isEqualTo(1);
    assertThat(body.path("browserType").asString()).isEqualTo("Chromium");
    assertThat(body.path("targetUrl").asString()).isEqualTo("https://example.com/");
    assertThat(body.path("createdAt").asString()).isEqualTo("2026-12-01T00:00:00Z");
    assertThat(body.path("completedAt").asString()).isEqualTo("2026-12-01T00:00:02Z");
    assertThat(body.path("retryCount").asInt()).isEqualTo(1);
    assertThat(body.path("result").path("data").path("title").asString()).isEqualTo("Example");
    JsonNode artifact = body.path("artifacts").get(0);
    assertThat(artifact.path("id").asString()).isEqualTo(artifactId.toString());
    assertThat(artifact.path("artifactType").asString()).isEqualTo("screenshot");
    assertThat(artifact.path("sizeBytes").asLong()).isEqualTo(1234L);
    assertThat(artifact.path("sha256").asString()).hasSize(64);
    assertThat(artifact.path("downloadPath").asString()).isEqualTo("/api/v1/jobs/" + jobId + "/artifacts/" + artifactId);
  }
}
