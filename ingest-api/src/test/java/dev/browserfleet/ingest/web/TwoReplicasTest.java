package dev.browserfleet.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.browserfleet.ingest.support.Http;
import dev.browserfleet.ingest.support.IngestApiIntegrationTest;
import dev.browserfleet.ingest.support.SecondReplica;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two ingest-api replicas on one broker and one database, as behind a load balancer: what one
 * accepts the other serves at once, and a key one revokes both refuse. (The rate limit across
 * replicas: RateLimitTest; nothing is projected in these tests, so a pending answer can only come
 * from what the replicas know of the submissions.)
 */
class TwoReplicasTest extends IngestApiIntegrationTest {

  private static final String JOB =
      """
      {"browserTypeId":1,"targetUrl":"%s","actions":[{"action":"screenshot"}],"waitUntil":"load"}"""
          .formatted(PUBLIC_URL);

  @Test
  void aGetOnOneReplicaRightAfterTheOthersAcceptanceAnswersPendingNever404() {
    Http other = SecondReplica.http();
    String key = knownToBoth("replicas", other);
    for (int i = 0; i < 10; i++) {
      Http accepting = i % 2 == 0 ? http : other;
      Http reading = i % 2 == 0 ? other : http;
      Http.Response accepted = accepting.postJson("/api/v1/jobs", key, JOB);
      assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);

      Http.Response read = reading.get(accepted.header("Location").replaceFirst("^https?://[^/]+", ""), key);

      assertThat(read.status()).as("GET %d on the other replica: %s", i, read).isEqualTo(200);
      assertThat(read.json().get("status").asString()).isEqualTo("pending");
      assertThat(read.json().get("jobId").asString()).isEqualTo(accepted.json().get("jobId").asString());
    }
  }

  @Test
  void anotherClientsJobAcceptedElsewhereIsStill404() {
    Http other = SecondReplica.http();
    String someoneElse = knownToBoth("someone-else", other);
    Http.Response accepted = http.postJson("/api/v1/jobs", knownToBoth("replicas", other), JOB);
    assertThat(accepted.status()).isEqualTo(202);

    Http.Response read = other.get("/api/v1/jobs/" + accepted.json().get("jobId").asString(), someoneElse);

    assertThat(read.status()).as(read.toString()).isEqualTo(404);
  }

  @Test
  void aRetriedPostOnTheOtherReplicaIsAReplayOfTheSameJob() {
    Http other = SecondReplica.http();
    String idempotencyKey = "two-replicas-" + UUID.randomUUID();
    var headers = Map.of("X-API-Key", knownToBoth("replicas", other), "Content-Type", "application/json",
        "Idempotency-Key", idempotencyKey);

    Http.Response first = http.exchange("POST", "/api/v1/jobs", headers, JOB.getBytes());
    Http.Response retry = other.exchange("POST", "/api/v1/jobs", headers, JOB.getBytes());

    assertThat(retry.status()).as(retry.toString()).isEqualTo(202);
    assertThat(retry.json().get("jobId")).isEqualTo(first.json().get("jobId"));
    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
  }

  @Test
  void aKeyRevokedThroughOneReplicaIsRefusedByBoth() {
    Http other = SecondReplica.http();
    Http.Response created = http.postJson("/api/v1/admin/api-keys", adminKey(),
        "{\"clientId\":\"revoked-" + UUID.randomUUID() + "\",\"name\":\"soon revoked\",\"rateLimit\":1000}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String key = created.json().get("key").asString();
    String id = created.json().get("id").asString();
    await().atMost(Duration.ofSeconds(30)).until(() -> other.get("/api/v1/browser-types", key).status() == 200);

    Http.Response revoked = other.send("DELETE", "/api/v1/admin/api-keys/" + id, adminKey());
    assertThat(revoked.status()).as(revoked.toString()).isBetween(200, 204);

    // Each replica follows bf.api-keys: the revocation reaches the other one within milliseconds.
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      assertThat(other.get("/api/v1/browser-types", key).status()).isEqualTo(401);
      assertThat(http.get("/api/v1/browser-types", key).status()).isEqualTo(401);
    });
  }

  /** A key of {@code clientId} that the other replica has read from bf.api-keys too. */
  private String knownToBoth(String clientId, Http other) {
    String key = clientKey(clientId);
    await().atMost(Duration.ofSeconds(30)).until(() -> other.get("/api/v1/browser-types", key).status() == 200);
    return key;
  }
}
