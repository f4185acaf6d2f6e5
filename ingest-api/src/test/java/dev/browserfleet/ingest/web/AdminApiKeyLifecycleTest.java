package dev.browserfleet.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.ingest.support.Http;
import dev.browserfleet.ingest.support.IngestApiIntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Listing, reading, revoking and rotating keys; expiry and scopes given at creation. */
class AdminApiKeyLifecycleTest extends IngestApiIntegrationTest {

  @Test
  void keysAreListedAndReadWithoutTheirSecretOrHash() {
    String clientId = "lister-" + UUID.randomUUID();
    JsonNode created = create("{\"clientId\":\"" + clientId + "\",\"name\":\"one\"}");
    String id = created.get("id").asString();

    Http.Response list = http.get("/api/v1/admin/api-keys?clientId=" + clientId, adminKey());
    Http.Response one = http.get("/api/v1/admin/api-keys/" + id, adminKey());

    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().get("items")).hasSize(1);
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().get("clientId").asString()).isEqualTo(clientId);
    assertThat(one.json().get("scopes").valueStream().map(JsonNode::asString)).containsExactly("jobs:read", "jobs:write");
    for (Http.Response response : new Http.Response[] {list, one}) {
      assertThat(response.body()).doesNotContain(created.get("key").asString()).doesNotContain("keyHash").doesNotContain("\"key\"");
    }
    assertThat(http.get("/api/v1/admin/api-keys/" + UUID.randomUUID(), adminKey()).status()).isEqualTo(404);
  }

  @Test
  void aRevokedKeyIsRefusedAtOnce() {
    JsonNode created = create("{\"clientId\":\"revokee\",\"name\":\"soon gone\"}");
    String secret = created.get("key").asString();
    assertThat(http.get("/api/v1/browser-types", secret).status()).isEqualTo(200);

    Http.Response revoked = http.send("DELETE", "/api/v1/admin/api-keys/" + created.get("id").asString(), adminKey());

    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.json().get("status").asString()).isEqualTo("revoked");
    Http.Response refused = http.get("/api/v1/browser-types", secret);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.json().get("detail").asString()).contains("revoked");
  }

  @Test
  void rotationIssuesANewSecretAndRevokesTheOld() {
    JsonNode created = create("{\"clientId\":\"rotor\",\"name\":\"ci\",\"rateLimit\":500}");
    String oldSecret = created.get("key").asString();

    Http.Response rotated = http.post("/api/v1/admin/api-keys/" + created.get("id").asString() + "/rotate", adminKey(), null, "");

    assertThat(rotated.status()).as(rotated.toString()).isEqualTo(201);
    String newSecret = rotated.json().get("key").asString();
    assertThat(newSecret).startsWith("bfk_").isNotEqualTo(oldSecret);
    assertThat(rotated.json().get("clientId").asString()).isEqualTo("rotor");
    assertThat(rotated.json().get("rateLimit").asInt()).isEqualTo(500);
    assertThat(rotated.header("Cache-Control")).contains("no-store");
    assertThat(http.get("/api/v1/browser-types", oldSecret).status()).isEqualTo(401);
    assertThat(http.get("/api/v1/browser-types", newSecret).status()).isEqualTo(200);
  }

  @Test
  void aKeyWithAnExpiryWorksUntilThen() {
    Instant expiry = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    JsonNode created = create("{\"clientId\":\"temp\",\"name\":\"t\",\"expiresAt\":\"" + expiry + "\"}");

    assertThat(Instant.parse(created.get("expiresAt").asString())).isEqualTo(expiry);
    assertThat(http.get("/api/v1/browser-types", created.get("key").asString()).status()).isEqualTo(200);
  }

  @Test
  void anExpiryInThePastAndUnknownScopesAreRejectedByField() {
    Http.Response response =
        http.postJson(
            "/api/v1/admin/api-keys", adminKey(),
            "{\"clientId\":\"a\",\"name\":\"b\",\"expiresAt\":\"2020-01-01T00:00:00Z\",\"scopes\":[\"jobs:read\",\"root\"]}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("errors").valueStream().map(e -> e.get("field").asString()))
        .containsExactly("expiresAt", "scopes[1]");
  }

  @Test
  void aReadOnlyKeyMayReadButNotSubmitOrCancel() {
    String secret = create("{\"clientId\":\"reader\",\"name\":\"dash\",\"scopes\":[\"jobs:read\"]}").get("key").asString();

    Http.Response submit =
        http.postJson("/api/v1/jobs", secret, "{\"browserTypeId\":1,\"targetUrl\":\"" + PUBLIC_URL + "\",\"actions\":[]}");

    assertThat(submit.status()).isEqualTo(403);
    assertThat(submit.json().get("detail").asString()).contains("jobs:write");
    assertThat(http.post("/api/v1/jobs/" + UUID.randomUUID() + "/cancel", secret, null, "").status()).isEqualTo(403);
    assertThat(http.get("/api/v1/jobs", secret).status()).isEqualTo(200);
  }

  @Test
  void aClientKeyMayNotManageKeys() {
    String client = clientKey("acme");

    assertThat(http.get("/api/v1/admin/api-keys", client).status()).isEqualTo(403);
    assertThat(http.send("DELETE", "/api/v1/admin/api-keys/" + UUID.randomUUID(), client).status()).isEqualTo(403);
  }

  private JsonNode create(String body) {
    Http.Response created = http.postJson("/api/v1/admin/api-keys", adminKey(), body);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json();
  }
}
