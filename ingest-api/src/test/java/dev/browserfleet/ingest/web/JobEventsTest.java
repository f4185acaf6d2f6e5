package dev.browserfleet.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.browserfleet.ingest.support.IngestApiIntegrationTest;
import dev.browserfleet.ingest.support.ProjectedRows;
import dev.browserfleet.ingest.support.TestEnvironment;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** GET /jobs/{id}/events: live status, logs and artifacts as Server-Sent Events, resumable, ending with the job. */
class JobEventsTest extends IngestApiIntegrationTest {

  private record Sse(String id, String name, String data) {}

  @Test
  void aRunningJobsEventsArriveLiveAndTheStreamEndsWithTheJob() throws Exception {
    ProjectedRows rows = new ProjectedRows(jdbc);
    UUID jobId = rows.job("acme").status("processing").insert();
    rows.log(jobId, "info", "navigating");

    var live = new CopyOnWriteArrayList<Sse>();
    CompletableFuture<List<Sse>> stream =
        CompletableFuture.supplyAsync(() -> read(jobId, null, clientKey("acme"), live));
    // What the job had when the client connected has arrived: what follows can only come live.
    await().atMost(Duration.ofSeconds(20)).until(() -> live.size() >= 2);
    rows.log(jobId, "info", "screenshot taken");
    rows.artifactRow(jobId, "jobs/" + jobId + "/s.png", 10, "ab".repeat(32));
    jdbc.sql("UPDATE automation_jobs SET status = 'completed', completed_at = updated_at + interval '5 seconds',"
            + " updated_at = updated_at + interval '5 seconds' WHERE id = :id")
        .param("id", jobId).update();

    List<Sse> events = stream.get(20, TimeUnit.SECONDS);
    assertThat(events).extracting(Sse::name)
        .containsExactly("log", "status", "log", "artifact", "status", "end");
    assertThat(events.get(0).data()).contains("navigating");
    assertThat(events.get(1).data()).contains("\"status\":\"processing\"");
    assertThat(events.get(4).data()).contains("\"status\":\"completed\"");
    assertThat(events.get(5).data()).contains("completed");

    // Resumed after the first status: only what came later.
    List<Sse> resumed = read(jobId, events.get(1).id(), clientKey("acme"));
    assertThat(resumed).extracting(Sse::name).containsExactly("log", "artifact", "status", "end");
  }

  @Test
  void aClientThatConnectsAfterTheEndGetsTheHistoryAndTheEnd() {
    ProjectedRows rows = new ProjectedRows(jdbc);
    UUID jobId = rows.job("acme").status("failed").insert();
    rows.log(jobId, "error", "element not found");

    List<Sse> events = read(jobId, null, clientKey("acme"));

    assertThat(events).extracting(Sse::name).containsExactly("log", "status", "end");
    assertThat(events.get(1).data()).contains("\"status\":\"failed\"");
  }

  @Test
  void anotherClientsJobHasNoEvents() {
    UUID jobId = new ProjectedRows(jdbc).job("globex").status("processing").insert();

    assertThat(http.get("/api/v1/jobs/" + jobId + "/events", clientKey("acme")).status()).isEqualTo(404);
  }

  private List<Sse> read(UUID jobId, String lastEventId, String key) {
    return read(jobId, lastEventId, key, new ArrayList<>());
  }

  /** Reads the stream to its end, adding each event to {@code events} as it arrives. */
  private List<Sse> read(UUID jobId, String lastEventId, String key, List<Sse> events) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/jobs/" + jobId + "/events"))
            .header("X-API-Key", key)
            .header("Accept", "text/event-stream")
            .timeout(Duration.ofSeconds(20));
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    try {
      HttpResponse<InputStream> response =
          HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
      try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        String id = null;
        String name = null;
        var data = new StringBuilder();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          if (line.isEmpty()) {
            if (name != null) {
              events.add(new Sse(id, name, data.toString()));
            }
            id = null;
            name = null;
            data.setLength(0);
          } else if (line.startsWith("id:")) {
            id = line.substring(3).strip();
          } else if (line.startsWith("event:")) {
            name = line.substring(6).strip();
          } else if (line.startsWith("data:")) {
            data.append(line.substring(5).strip());
          }
        }
      }
      return List.copyOf(events);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
