package dev.browserfleet.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.command.JobCommand;
import dev.browserfleet.contracts.command.SubmitJob;
import dev.browserfleet.ingest.support.Http;
import dev.browserfleet.ingest.support.IngestApiIntegrationTest;
import dev.browserfleet.ingest.support.TestEnvironment;
import dev.browserfleet.testing.TopicProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** POST /jobs/batch against the running ingest-api and the real broker: all jobs or none. */
class JobBatchTest extends IngestApiIntegrationTest {

  private static String job(String url) {
    return """
        {"browserTypeId":1,"targetUrl":"%s","actions":[{"action":"screenshot"}],"waitUntil":"load"}""".formatted(url);
  }

  private static String batch(List<String> jobs) {
    return "{\"jobs\":[" + String.join(",", jobs) + "]}";
  }

  @Test
  void aValidBatchIsAcceptedWholeAndEachJobBecomesASubmitCommandOfTheCaller() {
    String marker = UUID.randomUUID().toString();
    List<String> jobs = IntStream.range(0, 5).mapToObj(i -> job(PUBLIC_URL + "?batch=" + marker + "&i=" + i)).toList();

    Http.Response response = http.postJson("/api/v1/jobs/batch", clientKey("acme"), batch(jobs));

    assertThat(response.status()).as(response.toString()).isEqualTo(202);
    var ids = new ArrayList<String>();
    response.json().get("jobIds").forEach(id -> ids.add(id.asString()));
    assertThat(ids).hasSize(5).doesNotHaveDuplicates();
    assertThat(response.json().get("count").asInt()).isEqualTo(5);
    try (var probe = TopicProbe.of(Topics.JOB_COMMANDS, TestEnvironment.kafkaBootstrapServers())) {
      // The probe reads committed records only: the batch's transaction was committed.
      List<JobCommand> commands = probe.await(c -> ids.contains(c.jobId().toString()), 5, Duration.ofSeconds(15));
      assertThat(commands).allSatisfy(c -> {
        assertThat(c).isInstanceOf(SubmitJob.class);
        assertThat(((SubmitJob) c).clientId()).isEqualTo("acme");
      });
      // In the batch's order: job i has the i-th id.
      for (int i = 0; i < 5; i++) {
        String id = ids.get(i);
        SubmitJob submit = (SubmitJob) commands.stream().filter(c -> c.jobId().toString().equals(id)).findFirst().orElseThrow();
        assertThat(submit.targetUrl()).endsWith("&i=" + i);
      }
    }
    assertThat(http.get("/api/v1/jobs/" + ids.getLast(), clientKey("acme")).status()).isEqualTo(200);
  }

  @Test
  void oneInvalidJobRefusesTheWholeBatchNamingItsIndexAndField() {
    String marker = UUID.randomUUID().toString();
    var jobs = new ArrayList<>(IntStream.range(0, 5).mapToObj(i -> job(PUBLIC_URL + "?refused=" + marker + "&i=" + i)).toList());
    jobs.set(3, """
        {"browserTypeId":1,"targetUrl":"%s?refused=%s","actions":[{"action":"click","selector":"#a"}]}""".formatted(PUBLIC_URL, marker));
    jobs.set(4, "{\"browserTypeId\":1}");

    Http.Response response = http.postJson("/api/v1/jobs/batch", clientKey("acme"), batch(jobs));

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("type").asString()).isEqualTo("https://browserfleet.dev/problems/validation");
    assertThat(response.json().get("detail").asString()).contains("Job 3 of the batch");
    Set<String> fields = new java.util.HashSet<>();
    response.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
    assertThat(fields).isNotEmpty().allMatch(f -> f.startsWith("jobs[3]"));
    assertThat(fields).contains("jobs[3].actions[0].selector");

    // A job submitted after the refusal is on the topic; none of the refused batch is, before or after it.
    String after = http.postJson("/api/v1/jobs", clientKey("acme"), job(PUBLIC_URL)).json().get("jobId").asString();
    try (var probe = TopicProbe.of(Topics.JOB_COMMANDS, TestEnvironment.kafkaBootstrapServers())) {
      probe.awaitOne(c -> c.jobId().equals(JobId.of(after)), Duration.ofSeconds(15));
      assertThat(probe.values().stream()
              .filter(c -> c instanceof SubmitJob s && s.targetUrl() != null && s.targetUrl().contains(marker))
              .collect(Collectors.toList()))
          .isEmpty();
    }
  }

  @Test
  void aBatchMustHoldOneToAThousandJobs() {
    Http.Response empty = http.postJson("/api/v1/jobs/batch", clientKey("acme"), "{\"jobs\":[]}");
    Http.Response tooMany = http.postJson("/api/v1/jobs/batch", clientKey("acme"),
        batch(IntStream.range(0, 1001).mapToObj(i -> "{}").toList()));
    Http.Response notABatch = http.postJson("/api/v1/jobs/batch", clientKey("acme"), job(PUBLIC_URL));

    assertThat(empty.status()).as(empty.toString()).isEqualTo(400);
    assertThat(empty.toString()).contains("\"field\":\"jobs\"").contains("1 to 1000");
    assertThat(tooMany.status()).as(tooMany.toString()).isEqualTo(400);
    assertThat(tooMany.toString()).contains("\"field\":\"jobs\"");
    assertThat(notABatch.status()).as(notABatch.toString()).isEqualTo(400);
    assertThat(notABatch.toString()).contains("browserTypeId").contains("is not a known field");
  }

  @Test
  void aThousandJobsGoInOneRequest() {
    String marker = UUID.randomUUID().toString();
    List<String> jobs = IntStream.range(0, 1000).mapToObj(i -> job(PUBLIC_URL + "?k=" + marker + "&i=" + i)).toList();

    Http.Response response = http.postJson("/api/v1/jobs/batch", clientKey("acme"), batch(jobs));

    assertThat(response.status()).as(response.toString()).isEqualTo(202);
    assertThat(response.json().get("jobIds")).hasSize(1000);
    try (var probe = TopicProbe.of(Topics.JOB_COMMANDS, TestEnvironment.kafkaBootstrapServers())) {
      probe.await(c -> c instanceof SubmitJob s && s.targetUrl().contains(marker), 1000, Duration.ofSeconds(30));
    }
  }

  @Test
  void aRetriedBatchWithTheSameIdempotencyKeyMakesNoNewJobs() {
    String key = clientKey("acme");
    String body = batch(List.of(job(PUBLIC_URL), job(PUBLIC_URL)));
    String idempotencyKey = "batch-" + UUID.randomUUID();
    var headers = java.util.Map.of("X-API-Key", key, "Content-Type", "application/json", "Idempotency-Key", idempotencyKey);

    Http.Response first = http.exchange("POST", "/api/v1/jobs/batch", headers, body.getBytes());
    Http.Response again = http.exchange("POST", "/api/v1/jobs/batch", headers, body.getBytes());

    assertThat(first.status()).as(first.toString()).isEqualTo(202);
    assertThat(again.status()).as(again.toString()).isEqualTo(202);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.json().get("jobIds")).isEqualTo(first.json().get("jobIds"));
  }
}
