package dev.browserfleet.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.reference.BrowserType;
import dev.browserfleet.contracts.reference.SeedBrowserTypes;
import dev.browserfleet.ingest.access.AdminCredentials;
import dev.browserfleet.ingest.support.Http;
import dev.browserfleet.ingest.support.IngestApiIntegrationTest;
import dev.browserfleet.ingest.support.TestEnvironment;
import dev.browserfleet.testing.TopicProbe;
import java.time.Duration;
import java.util.HashMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class StartupTest extends IngestApiIntegrationTest {

  @Autowired AdminCredentials adminCredentials;

  @Test
  void theSeedBrowserTypesAreOnTheirCompactedTopicOnce() {
    try (var probe = TopicProbe.of(Topics.BROWSER_TYPES, TestEnvironment.kafkaBootstrapServers())) {
      probe.await(t -> true, SeedBrowserTypes.all().size(), Duration.ofSeconds(15));
      probe.poll();
      // Other tests of this JVM create and change browser types of their own (ids past 6).
      var seedRecords = probe.records().stream().filter(r -> r.key().matches("[1-6]")).toList();
      var seeds = new HashMap<Integer, BrowserType>();
      probe.values().stream().filter(t -> t.id() <= 6).forEach(t -> seeds.put(t.id(), t));

      assertThat(seeds.values()).containsExactlyInAnyOrderElementsOf(SeedBrowserTypes.all());
      assertThat(seedRecords).hasSize(SeedBrowserTypes.all().size());
    }
  }

  @Test
  void theHealthIndicatorReportsEveryStartUpDutyDone() {
    Http.Response health = http.get("/actuator/health", null);

    assertThat(health.status()).isEqualTo(200);
    var indicator = health.json().get("components").get("ingestApiHealth");
    assertThat(indicator.get("status").asString()).isEqualTo("UP");
    assertThat(indicator.get("details").get("topicsReady").asBoolean()).isTrue();
    assertThat(indicator.get("details").get("browserTypesSeeded").asBoolean()).isTrue();
    assertThat(indicator.get("details").get("apiKeysCaughtUp").asBoolean()).isTrue();
  }

  @Test
  void theConfiguredAdminKeyIsTheOneInForce() {
    assertThat(adminCredentials.generated()).isFalse();
    assertThat(adminCredentials.adminKey()).isEqualTo(adminKey());
    assertThat(adminCredentials.toString()).doesNotContain(adminKey());
  }
}
