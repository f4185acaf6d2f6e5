package dev.browserfleet.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.contracts.reference.ApiKeyStatus;
import dev.browserfleet.ingest.access.ApiKeyHashes;
import dev.browserfleet.ingest.support.Http;
import dev.browserfleet.ingest.support.IngestApiIntegrationTest;
import dev.browserfleet.ingest.support.TestEnvironment;
import dev.browserfleet.testing.TestKafka;
import dev.browserfleet.testing.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AdminApiKeyTest extends IngestApiIntegrationTest {

  @Test
  void anAdminCreatesAKeyThatIsShownOnceAndPublishedOnlyAsItsHash() {
    Http.Response response =
        http.postJson(
            "/api/v1/admin/api-keys", adminKey(), "{\"clientId\":\"initech\",\"name\":\"CI\",\"rateLimit\":250}");

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    assertThat(response.header("Cache-Control")).contains("no-store");
    JsonNode created = response.json();
    String secret = created.get("key").asString();
    UUID id = UUID.fromString(created.get("id").asString());
    assertThat(secret).startsWith("bfk_").hasSizeGreaterThanOrEqualTo(4 + 43);
    assertThat(created.get("clientId").asString()).isEqualTo("initech");
    assertThat(created.get("name").asString()).isEqualTo("CI");
    assertThat(created.get("rateLimit").asInt()).isEqualTo(250);
    assertThat(created.get("status").asString()).isEqualTo("active");
    assertThat(Instant.parse(created.get("createdAt").asString())).isBeforeOrEqualTo(Instant.now());

    try (var probe = TopicProbe.of(Topics.API_KEYS, TestEnvironment.kafkaBootstrapServers())) {
      ApiKey published = probe.awaitOne(k -> k.id().equals(id), Duration.ofSeconds(15));
      assertThat(published.keyHash()).isEqualTo(ApiKeyHashes.sha256Hex(secret)).matches("[0-9a-f]{64}");
      assertThat(published.clientId()).isEqualTo("initech");
      assertThat(published.rateLimit()).isEqualTo(250);
      assertThat(published.status()).isEqualTo(ApiKeyStatus.ACTIVE);
      assertThat(published.isActive()).isTrue();
      var record = probe.records().stream().filter(r -> id.toString().equals(r.key())).findFirst().orElseThrow();
      assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain(secret);
    }
  }

  @Test
  void aNewKeyWorksAtOnce() {
    String secret =
        http.postJson("/api/v1/admin/api-keys", adminKey(), "{\"clientId\":\"hooli\",\"name\":\"fresh\"}")
            .json()
            .get("key")
            .asString();

    Http.Response response = http.get("/api/v1/browser-types", secret);

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
  }

  @Test
  void aKeyPublishedByAnotherInstanceIsHonouredAndSoIsItsRevocation() {
    String secret = "bfk_from-another-instance-" + UUID.randomUUID();
    Instant created = Instant.now();
    var key =
        new ApiKey(
            UUID.randomUUID(), ApiKeyHashes.sha256Hex(secret), "umbrella", "replica", ApiKeyStatus.ACTIVE, 100, true,
            null, created, created);

    TestKafka.send(Topics.API_KEYS, key.id().toString(), key);
    assertThat(awaitStatus(secret, 200)).isEqualTo(200);

    TestKafka.send(
        Topics.API_KEYS,
        key.id().toString(),
        new ApiKey(key.id(), key.keyHash(), "umbrella", "replica", ApiKeyStatus.REVOKED, 100, true, null, created,
            created.plusSeconds(1)));
    assertThat(awaitStatus(secret, 401)).isEqualTo(401);
  }

  @Test
  void theRateLimitDefaultsToOneHundred() {
    Http.Response response =
        http.postJson("/api/v1/admin/api-keys", adminKey(), "{\"clientId\":\"hooli\",\"name\":\"default\"}");

    assertThat(response.json().get("rateLimit").asInt()).isEqualTo(100);
  }

  @Test
  void anInvalidKeyRequestNamesEveryFieldAtFault() {
    Http.Response response =
        http.postJson("/api/v1/admin/api-keys", adminKey(), "{\"clientId\":\" \",\"rateLimit\":0}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("type").asString()).isEqualTo("https://browserfleet.dev/problems/validation");
    assertThat(response.json().get("errors").valueStream().map(e -> e.get("field").asString()))
        .containsExactly("clientId", "name", "rateLimit");
  }

  @Test
  void anUnknownOrMistypedFieldInAKeyRequestIsRejectedByName() {
    Http.Response unknown =
        http.postJson("/api/v1/admin/api-keys", adminKey(), "{\"clientId\":\"a\",\"name\":\"b\",\"scope\":\"all\"}");
    Http.Response mistyped =
        http.postJson("/api/v1/admin/api-keys", adminKey(), "{\"clientId\":\"a\",\"name\":\"b\",\"rateLimit\":\"lots\"}");

    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("scope");
    assertThat(mistyped.status()).isEqualTo(400);
    assertThat(mistyped.json().get("errors").get(0).get("field").asString()).isEqualTo("rateLimit");
  }

  @Test
  void aRequestWithoutAKeyIsUnauthorized() {
    Http.Response response = http.get("/api/v1/browser-types", null);

    assertUnauthorized(response);
  }

  @Test
  void aRequestWithAWrongKeyIsUnauthorized() {
    assertUnauthorized(http.get("/api/v1/browser-types", "bfk_" + "x".repeat(43)));
    assertUnauthorized(http.postJson("/api/v1/jobs", "wrong", "{}"));
    assertUnauthorized(
        http.postJson("/api/v1/admin/api-keys", adminKey() + "x", "{\"clientId\":\"a\",\"name\":\"b\"}"));
  }

  @Test
  void aClientKeyOnAnAdminEndpointIsForbidden() {
    Http.Response response =
        http.postJson("/api/v1/admin/api-keys", clientKey("acme"), "{\"clientId\":\"acme\",\"name\":\"more\"}");

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("type").asString()).isEqualTo("https://browserfleet.dev/problems/forbidden");
  }

  private int awaitStatus(String key, int wanted) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    int status;
    do {
      status = http.get("/api/v1/browser-types", key).status();
      if (status == wanted) {
        return status;
      }
      sleep(50);
    } while (System.nanoTime() < deadline);
    return status;
  }

  private static void assertUnauthorized(Http.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(401);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.header("WWW-Authenticate")).contains("X-API-Key");
    JsonNode problem = response.json();
    assertThat(problem.get("type").asString()).isEqualTo("https://browserfleet.dev/problems/unauthorized");
    assertThat(problem.get("detail").asString()).contains("API key");
  }
}
