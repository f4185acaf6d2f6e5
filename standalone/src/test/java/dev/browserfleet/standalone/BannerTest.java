package dev.browserfleet.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BannerTest {

  @Test
  void theBannerGivesTheApiUrlTheAdminKeyAndAPastableCurl() {
    var out = new ByteArrayOutputStream();
    var settings = DevSettings.from(Map.of("BF_HTTP_PORT", "8181", "BF_KAFKA_PORT", "19092"));
    Browserfleet.printBanner(new PrintStream(out, true, StandardCharsets.UTF_8), settings, "bfa_secret");
    String banner = out.toString(StandardCharsets.UTF_8);
    assertThat(banner)
        .contains("http://localhost:8181/api/v1")
        .contains("Admin key:  bfa_secret")
        .contains("Kafka:      localhost:19092")
        .contains("curl -si -X POST http://localhost:8181/api/v1/jobs -H \"X-API-Key: bfa_secret\"")
        .contains("Console:    http://localhost:8181/console/")
        .contains("\"targetUrl\":\"http://localhost:8181/index.html\"");
  }

  @Test
  void anAdminKeyGivenInBfAdminKeyIsNeverPrinted() {
    var out = new ByteArrayOutputStream();
    var settings = DevSettings.from(Map.of("BF_ADMIN_KEY", "bfa_from_a_secret", "BF_SERVICES", "ingest-api"));
    Browserfleet.printBanner(new PrintStream(out, true, StandardCharsets.UTF_8), settings, "bfa_from_a_secret");
    String banner = out.toString(StandardCharsets.UTF_8);
    assertThat(banner).doesNotContain("bfa_from_a_secret")
        .contains("Admin key:  the one in BF_ADMIN_KEY")
        .contains("-H \"X-API-Key: $BF_ADMIN_KEY\"");
  }

  @Test
  void settingsHaveTheDocumentedDefaultsAndRefuseBadPorts() {
    var defaults = DevSettings.from(Map.of());
    assertThat(defaults.httpPort()).isEqualTo(8080);
    assertThat(defaults.kafkaPort()).isEqualTo(9092);
    assertThat(defaults.allowPrivateTargets()).isTrue();
    assertThat(defaults.dataDir().toString()).endsWith(".browserfleet");
    assertThat(defaults.dbUrl()).isEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DevSettings.from(Map.of("BF_HTTP_PORT", "eighty")))
        .hasMessageContaining("BF_HTTP_PORT must be a port number");
  }

  @Test
  void bfServicesChoosesAnySubsetOfTheFourServicesAndRefusesAnythingElse() {
    assertThat(DevSettings.from(Map.of()).runsAll()).isTrue();
    assertThat(DevSettings.from(Map.of("BF_SERVICES", "all")).runsAll()).isTrue();
    assertThat(DevSettings.from(Map.of("BF_SERVICES", "ingest-api")).services())
        .containsExactly(DevSettings.Service.INGEST_API);
    assertThat(DevSettings.from(Map.of("BF_SERVICES", "projector, dispatcher")).services())
        .containsExactlyInAnyOrder(DevSettings.Service.DISPATCHER, DevSettings.Service.PROJECTOR);
    assertThat(Browserfleet.applicationSources(DevSettings.from(Map.of("BF_SERVICES", "dispatcher"))))
        .containsExactly(ServicesApplication.class, dev.browserfleet.dispatcher.DispatcherApplication.class);
    assertThat(Browserfleet.applicationSources(DevSettings.from(Map.of())))
        .containsExactly(StandaloneApplication.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DevSettings.from(Map.of("BF_SERVICES", "dispatcher,brokers")))
        .hasMessageContaining("BF_SERVICES must be 'all' or a comma-separated subset of ingest-api,dispatcher,projector,worker");
    var out = new ByteArrayOutputStream();
    Browserfleet.printBanner(
        new PrintStream(out, true, StandardCharsets.UTF_8), DevSettings.from(Map.of("BF_SERVICES", "ingest-api")), "bfa_secret");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("no dispatcher, projector or worker");
  }
}
