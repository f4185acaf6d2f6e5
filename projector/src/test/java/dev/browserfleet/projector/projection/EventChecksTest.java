package dev.browserfleet.projector.projection;

import static dev.browserfleet.projector.JobStory.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.WorkerId;
import dev.browserfleet.contracts.event.JobEvent;
import dev.browserfleet.contracts.event.WorkerEvent;
import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.contracts.reference.BrowserType;
import dev.browserfleet.contracts.reference.SeedBrowserTypes;
import dev.browserfleet.projector.JobStory;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventChecksTest {

  @Test
  void everyCompleteJobEventPasses() {
    JobStory job = aJob();
    List<JobEvent> story =
        List.of(
            job.accepted(), job.started(1, WorkerId.ofSlot("w", "chromium", 0)), job.logged("hi"),
            job.artifactStored(), job.succeeded(), job.failed("x"), job.cancelled("y"),
            job.rejected(null, null, "z"));

    assertThat(story).allSatisfy(e -> assertThat(EventChecks.problem(e)).isEmpty());
  }

  @Test
  void aJobEventThatParsedButLacksWhatTheTablesNeedIsReportedWithTheMissingFields() {
    JobEvent bare = JsonCodec.decode("{\"type\":\"job.log\",\"sequence\":3,\"attempt\":1}", JobEvent.class);

    assertThat(EventChecks.problem(bare))
        .contains("JobLogged without eventId, jobId, occurredAt, level, message");
  }

  @Test
  void aJobEventWithoutAPositiveSequenceIsReported() {
    JobEvent unsequenced =
        JsonCodec.decode(
            "{\"type\":\"job.cancelled\",\"eventId\":\"11111111-2222-4333-8444-555555555555\","
                + "\"jobId\":\"0b8e9c1e-4f6a-4d1e-9a57-3c2f1d0e8b7a\","
                + "\"occurredAt\":\"2026-11-25T08:00:00Z\",\"sequence\":0}",
            JobEvent.class);

    assertThat(EventChecks.problem(unsequenced)).contains("JobCancelled without sequence (must be 1 or more)");
  }

  @Test
  void aHeartbeatWithoutStatusIsReported() {
    WorkerEvent heartbeat =
        JsonCodec.decode(
            "{\"type\":\"worker.heartbeat\",\"eventId\":\"11111111-2222-4333-8444-555555555555\","
                + "\"workerId\":\"5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b\","
                + "\"occurredAt\":\"2026-11-25T08:00:00Z\"}",
            WorkerEvent.class);

    assertThat(EventChecks.problem(heartbeat)).contains("WorkerHeartbeat without status");
  }

  @Test
  void referenceDataNeedsItsNotNullColumns() {
    assertThat(SeedBrowserTypes.all()).allSatisfy(t -> assertThat(EventChecks.problem(t)).isEmpty());
    assertThat(EventChecks.problem(JsonCodec.decode("{\"id\":7,\"isActive\":true}", BrowserType.class)))
        .contains("BrowserType without name, type");
    assertThat(EventChecks.problem(JsonCodec.decode("{\"name\":\"CI\",\"rateLimit\":9,\"isActive\":true}", ApiKey.class)))
        .contains("ApiKey without id, keyHash, clientId");
  }
}
