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
      var latest = new HashMap<Integer, BrowserType>();
      probe.values().forEach(t -> latest.put(t.id(), t));

      assertThat(latest.values()).containsExactlyInAnyOrderElementsOf(SeedBrowserTypes.all());
      assertThat(probe.records()).hasSize(SeedBrowserTypes.all().size());
      assertThat(probe.records()).allSatisfy(r -> assertThat(r.key()).matches("[1-6]"));
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
