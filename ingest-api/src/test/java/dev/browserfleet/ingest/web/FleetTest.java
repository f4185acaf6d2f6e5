package dev.browserfleet.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.ingest.support.Http;
import dev.browserfleet.ingest.support.IngestApiIntegrationTest;
import dev.browserfleet.ingest.support.ProjectedRows;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** GET /workers, /workers/stats and /stats from the projected tables. */
class FleetTest extends IngestApiIntegrationTest {

  @Test
  void statsCountTheCallersJobsByStatusAndThroughputAndTheQueuePerLane() {
    String client = "stats-" + UUID.randomUUID();
    ProjectedRows rows = new ProjectedRows(jdbc);
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
    rows.job(client).status("pending").createdAt(now).insert();
    rows.job(client).status("pending").browserTypeId(5).createdAt(now).insert();
    rows.job(client).status("completed").createdAt(now.minusSeconds(10)).insert();
    rows.job(client).status("failed").createdAt(now.minusMinutes(30)).insert();

    Http.Response response = http.get("/api/v1/stats", clientKey(client));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode stats = response.json();
    assertThat(stats.get("jobsByStatus").get("pending").asLong()).isEqualTo(2);
    assertThat(stats.get("jobsByStatus").get("completed").asLong()).isEqualTo(1);
    assertThat(stats.get("jobsByStatus").get("cancelled").asLong()).isZero();
    assertThat(stats.get("throughput").get("lastMinute").asLong()).isEqualTo(1);
    assertThat(stats.get("throughput").get("lastHour").asLong()).isEqualTo(2);
    // Priority 50 is the normal band; the queue is everyone's, so at least these two.
    assertThat(stats.get("queueDepth").get("chromium/normal").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(stats.get("queueDepth").get("webkit/normal").asLong()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void workersAreListedAndCountedAndForeignJobsStayHidden() {
    UUID foreignJob = new ProjectedRows(jdbc).job("globex").status("processing").insert();
    UUID workerId = UUID.randomUUID();
    jdbc.sql(
            """
            INSERT INTO browser_workers (id, browser_type_id, status, current_job_id, last_heartbeat, started_at, metadata)
            VALUES (:id, 1, 'busy', :job, timezone('UTC', now()), timezone('UTC', now()),
                CAST('{"instance":"w-1","engine":"chromium"}' AS jsonb))""")
        .param("id", workerId)
        .param("job", foreignJob)
        .update();

    JsonNode asClient = http.get("/api/v1/workers", clientKey("acme")).json();
    JsonNode asAdmin = http.get("/api/v1/workers", adminKey()).json();
    JsonNode counts = http.get("/api/v1/workers/stats", clientKey("acme")).json();

    JsonNode seenByClient = find(asClient, workerId);
    assertThat(seenByClient.get("status").asString()).isEqualTo("busy");
    assertThat(seenByClient.get("metadata").get("engine").asString()).isEqualTo("chromium");
    assertThat(seenByClient.get("currentJobId").isNull()).isTrue();
    assertThat(find(asAdmin, workerId).get("currentJobId").asString()).isEqualTo(foreignJob.toString());
    assertThat(counts.get("byEngine").get("chromium").get("busy").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(counts.get("total").asLong()).isGreaterThanOrEqualTo(1);
  }

  private static JsonNode find(JsonNode page, UUID id) {
    return page.get("items").valueStream().filter(w -> w.get("id").asString().equals(id.toString())).findFirst().orElseThrow();
  }
}
