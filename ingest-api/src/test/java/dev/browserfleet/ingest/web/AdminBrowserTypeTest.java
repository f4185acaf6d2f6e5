package dev.browserfleet.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.DeviceType;
import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.reference.BrowserType;
import dev.browserfleet.ingest.support.Http;
import dev.browserfleet.ingest.support.IngestApiIntegrationTest;
import dev.browserfleet.ingest.support.TestEnvironment;
import dev.browserfleet.testing.TopicProbe;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Admin changes to browser types are records on bf.browser-types; clients read them one by one too. */
class AdminBrowserTypeTest extends IngestApiIntegrationTest {

  @Test
  void anAdminCreatesABrowserTypeAsARecordOnItsTopic() {
    String name = "Tablet " + UUID.randomUUID().toString().substring(0, 8);
    Http.Response created =
        http.postJson("/api/v1/admin/browser-types", adminKey(),
            "{\"name\":\"" + name + "\",\"type\":\"chromium\",\"deviceType\":\"mobile\",\"userAgent\":\"UA\","
                + "\"viewportWidth\":800,\"viewportHeight\":1280}");

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    int id = created.json().get("id").asInt();
    assertThat(id).isGreaterThan(6);
    assertThat(created.header("Location")).endsWith("/api/v1/browser-types/" + id);
    try (var probe = TopicProbe.of(Topics.BROWSER_TYPES, TestEnvironment.kafkaBootstrapServers())) {
      BrowserType published = probe.awaitOne(t -> t.id() == id, Duration.ofSeconds(15));
      assertThat(published.name()).isEqualTo(name);
      assertThat(published.type()).isEqualTo(Engine.CHROMIUM);
      assertThat(published.deviceType()).isEqualTo(DeviceType.MOBILE);
      assertThat(published.viewportWidth()).isEqualTo(800);
      assertThat(published.isActive()).isTrue();
    }
  }

  @Test
  void anAdminChangesAndDeactivatesAProjectedBrowserType() {
    int id = aProjectedBrowserType();

    Http.Response patched = http.exchange("PATCH", "/api/v1/admin/browser-types/" + id,
        Map.of("X-API-Key", adminKey(), "Content-Type", "application/merge-patch+json"), "{\"viewportWidth\":1024}".getBytes());
    Http.Response deactivated = http.send("DELETE", "/api/v1/admin/browser-types/" + id, adminKey());

    assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
    assertThat(patched.json().get("viewportWidth").asInt()).isEqualTo(1024);
    assertThat(patched.json().get("viewportHeight").asInt()).isEqualTo(600);
    assertThat(deactivated.status()).isEqualTo(200);
    assertThat(deactivated.json().get("isActive").asBoolean()).isFalse();
    try (var probe = TopicProbe.of(Topics.BROWSER_TYPES, TestEnvironment.kafkaBootstrapServers())) {
      probe.awaitOne(t -> t.id() == id && !t.isActive(), Duration.ofSeconds(15));
    }
  }

  @Test
  void badBrowserTypesAreRejectedByField() {
    Http.Response response =
        http.postJson("/api/v1/admin/browser-types", adminKey(),
            "{\"name\":\"Chromium\",\"type\":\"netscape\",\"deviceType\":\"watch\",\"viewportWidth\":0}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("errors").valueStream().map(e -> e.get("field").asString()))
        .containsExactlyInAnyOrder("name", "type", "deviceType", "viewportWidth");
    assertThat(http.postJson("/api/v1/admin/browser-types", clientKey("acme"), "{}").status()).isEqualTo(403);
    assertThat(http.send("DELETE", "/api/v1/admin/browser-types/99999", adminKey()).status()).isEqualTo(404);
  }

  @Test
  void aClientReadsOneBrowserType() {
    Http.Response one = http.get("/api/v1/browser-types/2", clientKey("acme"));

    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().get("name").asString()).isEqualTo("Chromium Mobile");
    assertThat(http.get("/api/v1/browser-types/99999", clientKey("acme")).status()).isEqualTo(404);
    assertThat(http.get("/api/v1/browser-types/x", clientKey("acme")).status()).isEqualTo(400);
  }

  /** A type as the projector would have written it from the topic. */
  private int aProjectedBrowserType() {
    return jdbc.sql(
            """
            INSERT INTO browser_types (name, type, device_type, viewport_width, viewport_height, is_active,
                created_at, updated_at)
            VALUES (:name, 'firefox', 'desktop', 800, 600, true, '2026-01-02 00:00:00', '2026-01-02 00:00:00')
            RETURNING id""")
        .param("name", "Projected " + UUID.randomUUID().toString().substring(0, 8))
        .query(Integer.class)
        .single();
  }
}
