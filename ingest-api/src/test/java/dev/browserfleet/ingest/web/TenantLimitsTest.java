package dev.browserfleet.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.ingest.support.Http;
import dev.browserfleet.ingest.support.IngestApiIntegrationTest;
import dev.browserfleet.ingest.support.ProjectedRows;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Job limits of API keys: set by the admin, and maxQueuedJobs held at submission with 429. */
class TenantLimitsTest extends IngestApiIntegrationTest {

  private static final String JOB =
      "{\"browserTypeId\":1,\"targetUrl\":\"" + PUBLIC_URL + "\",\"actions\":[{\"action\":\"screenshot\"}]}";

  private Http.Response patch(String keyId, String json) {
    return http.exchange("PATCH", "/api/v1/admin/api-keys/" + keyId,
        Map.of("X-API-Key", adminKey(), "Content-Type", "application/merge-patch+json"), json.getBytes());
  }

  /** A new key of a new client, and its id. */
  private String[] newClient() {
    String client = "limits-" + UUID.randomUUID();
    var created = http.postJson("/api/v1/admin/api-keys", adminKey(),
        "{\"clientId\":\"" + client + "\",\"name\":\"limited\",\"rateLimit\":1000000}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return new String[] {client, created.json().get("id").asString(), created.json().get("key").asString()};
  }

  @Test
  void anAdminSetsAndRemovesAKeysJobLimitsWithAMergePatch() {
    String id = newClient()[1];

    Http.Response set = patch(id, "{\"maxConcurrentJobs\":2,\"maxQueuedJobs\":50}");
    Http.Response onlyOne = patch(id, "{\"maxQueuedJobs\":null}");

    assertThat(set.status()).as(set.toString()).isEqualTo(200);
    assertThat(set.json().get("maxConcurrentJobs").asInt()).isEqualTo(2);
    assertThat(set.json().get("maxQueuedJobs").asInt()).isEqualTo(50);
    assertThat(onlyOne.status()).as(onlyOne.toString()).isEqualTo(200);
    JsonNode read = http.get("/api/v1/admin/api-keys/" + id, adminKey()).json();
    assertThat(read.get("maxConcurrentJobs").asInt()).as("left out of the patch: unchanged").isEqualTo(2);
    assertThat(read.get("maxQueuedJobs").isNull()).as("null: no limit").isTrue();
  }

  @Test
  void badLimitsAreRefusedByFieldAndOnlyAdminsMayPatch() {
    String[] client = newClient();

    Http.Response zero = patch(client[1], "{\"maxConcurrentJobs\":0,\"maxQueuedJobs\":\"many\",\"colour\":1}");
    Http.Response unknownKey = patch(UUID.randomUUID().toString(), "{\"maxQueuedJobs\":1}");
    Http.Response asClient = http.exchange("PATCH", "/api/v1/admin/api-keys/" + client[1],
        Map.of("X-API-Key", client[2], "Content-Type", "application/json"), "{\"maxQueuedJobs\":1}".getBytes());

    assertThat(zero.status()).as(zero.toString()).isEqualTo(400);
    assertThat(zero.toString()).contains("\"field\":\"maxConcurrentJobs\"").contains("\"field\":\"maxQueuedJobs\"")
        .contains("\"field\":\"colour\"");
    assertThat(unknownKey.status()).isEqualTo(404);
    assertThat(asClient.status()).isEqualTo(403);
  }

  @Test
  void aClientAtItsMaxQueuedJobsGets429WithRetryAfterNamingTheLimitAndNothingIsQueued() {
    String[] client = newClient();
    var rows = new ProjectedRows(jdbc);
    rows.job(client[0]).status("pending").insert();
    rows.job(client[0]).status("pending").insert();
    rows.job(client[0]).status("completed").insert();
    assertThat(patch(client[1], "{\"maxQueuedJobs\":2}").status()).isEqualTo(200);

    Http.Response single = http.postJson("/api/v1/jobs", client[2], JOB);
    Http.Response batch = http.postJson("/api/v1/jobs/batch", client[2], "{\"jobs\":[" + JOB + "]}");

    for (Http.Response refused : java.util.List.of(single, batch)) {
      assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
      assertThat(refused.header("Retry-After")).isEqualTo("5");
      assertThat(refused.contentType()).startsWith("application/problem+json");
      JsonNode problem = refused.json();
      assertThat(problem.get("type").asString()).isEqualTo("https://browserfleet.dev/problems/queue-full");
      assertThat(problem.get("limit").asString()).isEqualTo("maxQueuedJobs");
      assertThat(problem.get("maxQueuedJobs").asInt()).isEqualTo(2);
      assertThat(problem.get("pending").asInt()).isEqualTo(2);
      assertThat(problem.get("detail").asString()).contains("maxQueuedJobs");
    }
    assertThat(http.get("/api/v1/jobs?status=pending", client[2]).json().get("items")).hasSize(2);

    assertThat(patch(client[1], "{\"maxQueuedJobs\":4}").status()).isEqualTo(200);
    assertThat(http.postJson("/api/v1/jobs", client[2], JOB).status()).isEqualTo(202);
    Http.Response atTheLimit = http.postJson("/api/v1/jobs/batch", client[2], "{\"jobs\":[" + JOB + "," + JOB + "]}");
    assertThat(atTheLimit.status()).as("2 projected pending + 2 is the limit, not past it").isEqualTo(202);
  }
}
