package dev.browserfleet.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.reference.UrlPolicy;
import dev.browserfleet.contracts.reference.UrlPolicyType;
import dev.browserfleet.ingest.support.Http;
import dev.browserfleet.ingest.support.IngestApiIntegrationTest;
import dev.browserfleet.ingest.support.TestEnvironment;
import dev.browserfleet.testing.TopicProbe;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** URL policies: admin CRUD as records on bf.url-policies, enforced at submission. */
class AdminUrlPolicyTest extends IngestApiIntegrationTest {

  @Test
  void aPolicyIsCreatedReadChangedAndDeletedAsRecordsOnItsTopic() {
    String pattern = "*.blocked-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    Http.Response created =
        http.postJson("/api/v1/admin/url-policies", adminKey(),
            "{\"pattern\":\"" + pattern + "\",\"type\":\"blacklist\",\"description\":\"no\",\"isActive\":false}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    UUID id = UUID.fromString(created.json().get("id").asString());
    assertThat(created.header("Location")).endsWith("/api/v1/admin/url-policies/" + id);

    JsonNode read = http.get("/api/v1/admin/url-policies/" + id, adminKey()).json();
    assertThat(read.get("pattern").asString()).isEqualTo(pattern);
    assertThat(read.get("type").asString()).isEqualTo("blacklist");
    assertThat(read.get("isActive").asBoolean()).isFalse();
    assertThat(http.get("/api/v1/admin/url-policies", adminKey()).json().get("items").valueStream()
        .map(p -> p.get("id").asString())).contains(id.toString());

    Http.Response patched = http.exchange("PATCH", "/api/v1/admin/url-policies/" + id,
        java.util.Map.of("X-API-Key", adminKey(), "Content-Type", "application/merge-patch+json"),
        "{\"isActive\":true}".getBytes());
    assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
    assertThat(patched.json().get("isActive").asBoolean()).isTrue();
    assertThat(patched.json().get("description").asString()).isEqualTo("no");

    try (var probe = TopicProbe.of(Topics.URL_POLICIES, TestEnvironment.kafkaBootstrapServers())) {
      UrlPolicy published = probe.awaitOne(p -> p != null && p.id().equals(id) && p.isActive(), Duration.ofSeconds(15));
      assertThat(published.type()).isEqualTo(UrlPolicyType.BLACKLIST);
      assertThat(published.pattern()).isEqualTo(pattern);
    }

    assertThat(http.send("DELETE", "/api/v1/admin/url-policies/" + id, adminKey()).status()).isEqualTo(204);
    assertThat(http.get("/api/v1/admin/url-policies/" + id, adminKey()).status()).isEqualTo(404);
    assertThat(http.send("DELETE", "/api/v1/admin/url-policies/" + id, adminKey()).status()).isEqualTo(404);
  }

  @Test
  void aBlacklistedTargetIsRejectedNamingThePolicy() {
    Http.Response created =
        http.postJson("/api/v1/admin/url-policies", adminKey(),
            "{\"pattern\":\"http://93.184.215.14/forbidden/*\",\"type\":\"blacklist\"}");
    String id = created.json().get("id").asString();
    try {
      Http.Response denied =
          http.postJson("/api/v1/jobs", clientKey("acme"),
              "{\"browserTypeId\":1,\"targetUrl\":\"http://93.184.215.14/forbidden/page\",\"actions\":[]}");
      Http.Response allowed =
          http.postJson("/api/v1/jobs", clientKey("acme"),
              "{\"browserTypeId\":1,\"targetUrl\":\"http://93.184.215.14/fine\",\"actions\":[]}");

      assertThat(denied.status()).isEqualTo(400);
      assertThat(denied.json().get("errors").get(0).get("field").asString()).isEqualTo("targetUrl");
      assertThat(denied.json().get("errors").get(0).get("message").asString()).contains(id);
      assertThat(allowed.status()).isEqualTo(202);
    } finally {
      http.send("DELETE", "/api/v1/admin/url-policies/" + id, adminKey());
    }
  }

  @Test
  void badPatternsTypesAndFieldsAreRejectedByName() {
    Http.Response badPattern =
        http.postJson("/api/v1/admin/url-policies", adminKey(), "{\"pattern\":\"ftp://x/*\",\"type\":\"blacklist\"}");
    Http.Response badType =
        http.postJson("/api/v1/admin/url-policies", adminKey(), "{\"pattern\":\"x.example\",\"type\":\"greylist\"}");
    Http.Response unknownField =
        http.postJson("/api/v1/admin/url-policies", adminKey(), "{\"pattern\":\"x.example\",\"regex\":true}");
    Http.Response missing = http.postJson("/api/v1/admin/url-policies", adminKey(), "{\"type\":\"whitelist\"}");

    assertThat(badPattern.json().get("errors").get(0).get("field").asString()).isEqualTo("pattern");
    assertThat(badType.json().get("errors").get(0).get("field").asString()).isEqualTo("type");
    assertThat(unknownField.json().get("errors").get(0).get("field").asString()).isEqualTo("regex");
    assertThat(missing.json().get("errors").get(0).get("field").asString()).isEqualTo("pattern");
    assertThat(http.postJson("/api/v1/admin/url-policies", clientKey("acme"), "{\"pattern\":\"x.example\"}").status())
        .isEqualTo(403);
  }
}
