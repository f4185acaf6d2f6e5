package dev.browserfleet.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.command.JobCommand;
import dev.browserfleet.contracts.command.SubmitJob;
import dev.browserfleet.ingest.support.Http;
import dev.browserfleet.ingest.support.IngestApiIntegrationTest;
import dev.browserfleet.ingest.support.SecondReplica;
import dev.browserfleet.ingest.support.TestEnvironment;
import dev.browserfleet.testing.TopicProbe;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An Idempotency-Key makes a retried POST return the same job, on this replica or another. */
class IdempotencyTest extends IngestApiIntegrationTest {

  private static final String BODY = "{\"browserTypeId\":1,\"targetUrl\":\"" + PUBLIC_URL + "\",\"actions\":[]}";

  @Test
  void aRetriedPostReturnsTheSameJobAndPublishesItOnce() {
    String key = "retry-" + UUID.randomUUID();

    Http.Response first = post(http, key);
    Http.Response retry = post(http, key);
    Http.Response other = post(http, "other-" + UUID.randomUUID());

    assertThat(first.status()).isEqualTo(202);
    assertThat(retry.status()).isEqualTo(202);
    assertThat(retry.json().get("jobId")).isEqualTo(first.json().get("jobId"));
    assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(first.header("Idempotent-Replayed")).isNull();
    assertThat(other.json().get("jobId")).isNotEqualTo(first.json().get("jobId"));
    UUID jobId = UUID.fromString(first.json().get("jobId").asString());
    try (var probe = TopicProbe.of(Topics.JOB_COMMANDS, TestEnvironment.kafkaBootstrapServers())) {
      probe.await(c -> c instanceof SubmitJob && c.jobId().value().equals(jobId), 1, Duration.ofSeconds(15));
      sleep(500);
      probe.poll();
      assertThat(probe.values().stream().filter(c -> isSubmitOf(c, jobId))).hasSize(1);
    }
  }

  @Test
  void aRetryThatReachesAnotherReplicaGetsTheSameJobId() {
    String key = "replica-" + UUID.randomUUID();

    Http.Response first = post(http, key);
    Http.Response retry = post(SecondReplica.http(), key);

    assertThat(retry.status()).as(retry.toString()).isEqualTo(202);
    assertThat(retry.json().get("jobId")).isEqualTo(first.json().get("jobId"));
  }

  @Test
  void aMalformedIdempotencyKeyIsRejectedByName() {
    Http.Response response = post(http, "x".repeat(256));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
  }

  private Http.Response post(Http replica, String idempotencyKey) {
    return replica.exchange(
        "POST", "/api/v1/jobs",
        Map.of("X-API-Key", clientKey("acme"), "Content-Type", "application/json", "Idempotency-Key", idempotencyKey),
        BODY.getBytes());
  }

  private static boolean isSubmitOf(JobCommand command, UUID jobId) {
    return command instanceof SubmitJob && command.jobId().value().equals(jobId);
  }
}
