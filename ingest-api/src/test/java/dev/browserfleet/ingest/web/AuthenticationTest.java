package dev.browserfleet.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.contracts.reference.ApiKeyStatus;
import dev.browserfleet.contracts.reference.ApiKeyUsage;
import dev.browserfleet.ingest.access.ApiKeyHashes;
import dev.browserfleet.ingest.support.Http;
import dev.browserfleet.ingest.support.IngestApiIntegrationTest;
import dev.browserfleet.ingest.support.TestEnvironment;
import dev.browserfleet.testing.TestKafka;
import dev.browserfleet.testing.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Keys in either header; expired and inactive keys refused like revoked ones. */
class AuthenticationTest extends IngestApiIntegrationTest {

  @Test
  void aKeyMayComeAsABearerToken() {
    Http.Response response =
        http.exchange("GET", "/api/v1/browser-types", Map.of("Authorization", "Bearer " + clientKey("acme")), null);

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
  }

  @Test
  void anotherAuthorizationSchemeIsNoKey() {
    Http.Response response =
        http.exchange("GET", "/api/v1/browser-types", Map.of("Authorization", "Basic " + clientKey("acme")), null);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("WWW-Authenticate")).contains("Bearer");
  }

  @Test
  void anExpiredKeyIsRefused() {
    String secret = aPublishedKey(ApiKeyStatus.ACTIVE, true, Instant.now().minusSeconds(60));

    assertThat(awaitRefusal(secret)).contains("revoked, inactive or expired");
  }

  @Test
  void aKeyThatExpiresLaterWorks() {
    String secret = aPublishedKey(ApiKeyStatus.ACTIVE, true, Instant.now().plusSeconds(3600));

    assertThat(awaitStatus(secret, 200)).isEqualTo(200);
  }

  @Test
  void anInactiveKeyIsRefused() {
    String secret = aPublishedKey(ApiKeyStatus.ACTIVE, false, null);

    assertThat(awaitRefusal(secret)).contains("revoked, inactive or expired");
  }

  @Test
  void theAdminKeyWorksAsABearerTokenOnAdminEndpoints() {
    Http.Response response =
        http.exchange(
            "POST",
            "/api/v1/admin/api-keys",
            Map.of("Authorization", "Bearer " + adminKey(), "Content-Type", "application/json"),
            "{\"clientId\":\"bearer\",\"name\":\"b\"}".getBytes());

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
  }

  @Test
  void aKeysUseIsPublishedForLastUsedAtWithoutADatabaseWrite() {
    String clientId = "user-" + UUID.randomUUID();
    Http.Response created =
        http.postJson("/api/v1/admin/api-keys", adminKey(), "{\"clientId\":\"" + clientId + "\",\"name\":\"u\"}");
    UUID keyId = UUID.fromString(created.json().get("id").asString());
    Instant before = Instant.now().minusSeconds(1);

    assertThat(http.get("/api/v1/browser-types", created.json().get("key").asString()).status()).isEqualTo(200);

    try (var probe = TopicProbe.of(Topics.API_KEY_USAGE, TestEnvironment.kafkaBootstrapServers())) {
      ApiKeyUsage usage = probe.awaitOne(u -> u.keyId().equals(keyId), Duration.ofSeconds(15));
      assertThat(usage.lastUsedAt()).isAfter(before);
    }
    // The ingest-api wrote no row: only the projector writes api_keys.
    assertThat(jdbc.sql("SELECT count(*) FROM api_keys WHERE id = :id").param("id", keyId).query(Long.class).single())
        .isZero();
  }

  private static String aPublishedKey(ApiKeyStatus status, boolean active, Instant expiresAt) {
    String secret = "bfk_published-" + UUID.randomUUID();
    Instant now = Instant.now();
    var key =
        new ApiKey(UUID.randomUUID(), ApiKeyHashes.sha256Hex(secret), "umbrella", "t", status, 100, active, expiresAt, now, now);
    TestKafka.send(Topics.API_KEYS, key.id().toString(), key);
    return secret;
  }

  /** The 401 detail once the key is known: an unknown key is refused too, with another detail. */
  private String awaitRefusal(String secret) {
    long deadline = System.nanoTime() + 15_000_000_000L;
    Http.Response response;
    do {
      response = http.get("/api/v1/browser-types", secret);
      assertThat(response.status()).isEqualTo(401);
      if (!response.json().get("detail").asString().contains("not valid")) {
        return response.json().get("detail").asString();
      }
      sleep(50);
    } while (System.nanoTime() < deadline);
    return response.json().get("detail").asString();
  }

  /** Waits for the key's record to reach the directory: a refusal and "not yet known" look alike. */
  private int awaitStatus(String secret, int expected) {
    long deadline = System.nanoTime() + 15_000_000_000L;
    int status;
    do {
      status = http.get("/api/v1/browser-types", secret).status();
      if (status == expected) {
        return status;
      }
      sleep(50);
    } while (System.nanoTime() < deadline);
    return status;
  }
}
