package dev.browserfleet.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.ingest.support.Http;
import dev.browserfleet.ingest.support.IngestApiIntegrationTest;
import dev.browserfleet.ingest.support.ProjectedRows;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** {@code GET /jobs/{id}?waitMs=}: a read that answers when the job has ended, against a real PostgreSQL. */
class JobWaitTest extends IngestApiIntegrationTest {

  @Test
  void aWaitingReadAnswersOnceTheRowShowsTheJobEnded() throws Exception {
    UUID jobId = new ProjectedRows(jdbc).job("acme").status("processing").insert();

    var read = CompletableFuture.supplyAsync(() -> http.get("/api/v1/jobs/" + jobId + "?waitMs=60000", clientKey("acme")));
    // Not answered while the job runs: it waits rather than echoing the status it found.
    org.awaitility.Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
        .until(() -> !read.isDone());
    jdbc.sql("UPDATE automation_jobs SET status = 'completed', completed_at = now() WHERE id = :id").param("id", jobId).update();

    Http.Response response = read.get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.json().get("status").asString()).isEqualTo("completed");
  }

  @Test
  void aWaitThatRunsOutAnswersTheJobAsItIsAndAnEndedJobAnswersAtOnce() {
    UUID running = new ProjectedRows(jdbc).job("acme").status("processing").insert();
    Http.Response stillRunning = http.get("/api/v1/jobs/" + running + "?waitMs=200", clientKey("acme"));
    assertThat(stillRunning.status()).isEqualTo(200);
    assertThat(stillRunning.json().get("status").asString()).isEqualTo("processing");

    UUID done = new ProjectedRows(jdbc).job("acme").status("failed").insert();
    Http.Response ended = http.get("/api/v1/jobs/" + done + "?waitMs=60000", clientKey("acme"));
    assertThat(ended.json().get("status").asString()).isEqualTo("failed");
  }

  @Test
  void aBadWaitIsAProblemNamingTheParameterAndAnotherClientsJobIsNotFound() {
    UUID jobId = new ProjectedRows(jdbc).job("acme").status("processing").insert();
    for (String bad : new String[] {"-1", "60001", "soon"}) {
      Http.Response response = http.get("/api/v1/jobs/" + jobId + "?waitMs=" + bad, clientKey("acme"));
      assertThat(response.status()).as(bad).isEqualTo(400);
      assertThat(response.contentType()).startsWith("application/problem+json");
      assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("waitMs");
    }
    assertThat(http.get("/api/v1/jobs/" + jobId + "?waitMs=1000", clientKey("globex")).status()).isEqualTo(404);
  }
}
