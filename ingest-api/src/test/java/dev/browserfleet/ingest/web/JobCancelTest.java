package dev.browserfleet.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.command.CancelJob;
import dev.browserfleet.contracts.command.JobCommand;
import dev.browserfleet.ingest.support.Http;
import dev.browserfleet.ingest.support.IngestApiIntegrationTest;
import dev.browserfleet.ingest.support.ProjectedRows;
import dev.browserfleet.ingest.support.TestEnvironment;
import dev.browserfleet.testing.TopicProbe;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Cancelling publishes job.cancel for jobs still running; finished, unknown and foreign jobs are refused. */
class JobCancelTest extends IngestApiIntegrationTest {

  @Test
  void cancellingAPendingJobPublishesTheCancelCommand() {
    UUID jobId = new ProjectedRows(jdbc).job("acme").status("pending").insert();

    Http.Response response = http.post("/api/v1/jobs/" + jobId + "/cancel", clientKey("acme"), null, "");

    assertThat(response.status()).as(response.toString()).isEqualTo(202);
    assertThat(response.json().get("jobId").asString()).isEqualTo(jobId.toString());
    assertThat(response.json().get("status").asString()).isEqualTo("pending");
    assertThat(response.json().get("cancellation").asString()).isEqualTo("requested");
    CancelJob cancel = awaitCancel(jobId);
    assertThat(cancel.clientId()).isEqualTo("acme");
    assertThat(cancel.reason()).isNotBlank();
  }

  @Test
  void deleteIsAnAliasOfCancelForAProcessingJob() {
    UUID jobId = new ProjectedRows(jdbc).job("acme").status("processing").insert();

    Http.Response response = http.send("DELETE", "/api/v1/jobs/" + jobId, clientKey("acme"));

    assertThat(response.status()).as(response.toString()).isEqualTo(202);
    assertThat(response.json().get("status").asString()).isEqualTo("processing");
    assertThat(awaitCancel(jobId).jobId()).isEqualTo(new JobId(jobId));
  }

  @Test
  void aJobSubmittedMomentsAgoCanBeCancelledBeforeItIsProjected() {
    String key = clientKey("acme");
    Http.Response submitted =
        http.postJson("/api/v1/jobs", key, "{\"browserTypeId\":1,\"targetUrl\":\"" + PUBLIC_URL + "\",\"actions\":[]}");
    UUID jobId = UUID.fromString(submitted.json().get("jobId").asString());

    assertThat(http.post("/api/v1/jobs/" + jobId + "/cancel", key, null, "").status()).isEqualTo(202);
    assertThat(awaitCancel(jobId).jobId()).isEqualTo(new JobId(jobId));
  }

  @Test
  void aFinishedJobIsAConflict() {
    ProjectedRows rows = new ProjectedRows(jdbc);
    for (String status : new String[] {"completed", "failed", "cancelled"}) {
      UUID jobId = rows.job("acme").status(status).insert();

      Http.Response response = http.post("/api/v1/jobs/" + jobId + "/cancel", clientKey("acme"), null, "");

      assertThat(response.status()).as(status).isEqualTo(409);
      assertThat(response.contentType()).startsWith("application/problem+json");
      assertThat(response.json().get("type").asString()).isEqualTo("https://browserfleet.dev/problems/job-finished");
      assertThat(response.json().get("detail").asString()).contains(status);
    }
  }

  @Test
  void anUnknownOrForeignJobIsNotFoundAndABadIdIsABadRequest() {
    UUID foreign = new ProjectedRows(jdbc).job("globex").status("pending").insert();

    assertThat(http.post("/api/v1/jobs/" + foreign + "/cancel", clientKey("acme"), null, "").status()).isEqualTo(404);
    assertThat(http.send("DELETE", "/api/v1/jobs/" + foreign, clientKey("acme")).status()).isEqualTo(404);
    assertThat(http.post("/api/v1/jobs/" + UUID.randomUUID() + "/cancel", clientKey("acme"), null, "").status())
        .isEqualTo(404);
    assertThat(http.post("/api/v1/jobs/not-a-uuid/cancel", clientKey("acme"), null, "").status()).isEqualTo(400);
  }

  private static CancelJob awaitCancel(UUID jobId) {
    try (var probe = TopicProbe.of(Topics.JOB_COMMANDS, TestEnvironment.kafkaBootstrapServers())) {
      JobCommand command =
          probe.awaitOne(c -> c instanceof CancelJob && c.jobId().value().equals(jobId), Duration.ofSeconds(15));
      return (CancelJob) command;
    }
  }
}
