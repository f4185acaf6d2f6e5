package dev.browserfleet.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.ingest.support.Http;
import dev.browserfleet.ingest.support.IngestApiIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Nothing a client sends may produce a 5xx, and every error is a problem document. */
class HostileInputTest extends IngestApiIntegrationTest {

  private static final String MUTATIONS = "{}[]\":,0123456789-.eE ntfaxy\\";

  private static final List<String> BODIES =
      List.of(
          "",
          "null",
          "[]",
          "42",
          "\"job\"",
          "{}",
          "{\"browserTypeId\":null,\"targetUrl\":null,\"actions\":null}",
          "{\"browserTypeId\":1e400,\"targetUrl\":\"http://93.184.215.14/\",\"actions\":[]}",
          "{\"browserTypeId\":-99999999999999999999999,\"targetUrl\":\"http://93.184.215.14/\",\"actions\":[]}",
          "{\"browserTypeId\":1,\"targetUrl\":\"http://93.184.215.14/\",\"actions\":[],\"priority\":1e10}",
          "{\"browserTypeId\":1,\"targetUrl\":\"http://93.184.215.14/\",\"actions\":[],\"timeoutMs\":99999999999999999999}",
          "{\"browserTypeId\":1,\"targetUrl\":\"http://93.184.215.14/\",\"actions\":[{\"action\":\"click\",\"target\":\"a\",\"index\":99999999999999999999}]}",
          "{\"browserTypeId\":1,\"targetUrl\":\"http://93.184.215.14/\",\"actions\":[{\"action\":\"wait\",\"ms\":1.5}]}",
          "{\"browserTypeId\":1,\"targetUrl\":\"http://[::1\",\"actions\":[]}",
          "{\"browserTypeId\":1,\"targetUrl\":\"http://%zz/\",\"actions\":[]}",
          "{\"browserTypeId\":1,\"targetUrl\":\"javascript:alert(1)\",\"actions\":[]}",
          "{\"browserTypeId\":1,\"targetUrl\":\"http://93.184.215.14/\",\"actions\":[{\"action\":\"navigate\",\"url\":\"ftp://x\"}]}",
          "{\"browserTypeId\":1,\"targetUrl\":\"http://93.184.215.14/\",\"actions\":[{}]}",
          "{\"browserTypeId\":1,\"targetUrl\":\"http://93.184.215.14/\",\"actions\":[null]}",
          "{\"browserTypeId\":1,\"targetUrl\":\"http://93.184.215.14/\",\"actions\":{\"action\":\"screenshot\"}}",
          "{\"browserTypeId\":\"1\",\"targetUrl\":[\"x\"],\"actions\":\"all\"}",
          "{\"browserTypeId\":1,\"targetUrl\":\"http://93.184.215.14/\",\"actions\":[],\"waitUntil\":\"forever\"}",
          "{\"browserTypeId\":1,\"browserTypeId\":2}",
          "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
          "{\"targetUrl\":\"" + "x".repeat(100_000) + "\"}",
          "\u0000\u0001\u0002",
          "{\"browserTypeId\":1 /* comment */}");

  @Test
  void hostileJobBodiesGetProblemsNeverServerErrors() {
    String key = clientKey("acme");
    for (String body : BODIES) {
      assertClientError(http.postJson("/api/v1/jobs", key, body), body);
    }
  }

  @Test
  void randomBytesAndMutatedJobsGetProblemsNeverServerErrors() {
    String key = clientKey("acme");
    String valid =
        "{\"browserTypeId\":1,\"targetUrl\":\"http://127.0.0.1/\",\"actions\":[{\"action\":\"wait\",\"ms\":1}],"
            + "\"priority\":5,\"timeoutMs\":1000,\"maxRetries\":0,\"waitUntil\":\"load\"}";
    var random = new Random(2026);
    var bodies = new ArrayList<String>();
    for (int i = 0; i < 150; i++) {
      char[] chars = valid.toCharArray();
      for (int m = 0; m < 1 + random.nextInt(4); m++) {
        chars[random.nextInt(chars.length)] = MUTATIONS.charAt(random.nextInt(MUTATIONS.length()));
      }
      bodies.add(new String(chars));
    }
    for (String body : bodies) {
      assertClientError(http.postJson("/api/v1/jobs", key, body), body);
    }
    assertClientError(http.postJson("/api/v1/admin/api-keys", adminKey(), "{\"clientId\":\"x\",\"name\":1e999}"), "key");
    assertClientError(http.postJson("/api/v1/admin/api-keys", adminKey(), "{\"rateLimit\":99999999999}"), "key");
  }

  @Test
  void anUnknownRouteIsANotFoundProblem() {
    Http.Response withKey = http.get("/api/v1/no-such-thing", clientKey("acme"));
    Http.Response outsideApi = http.get("/nothing/here", null);

    assertProblem(withKey, 404, "https://browserfleet.dev/problems/not-found");
    assertProblem(outsideApi, 404, "https://browserfleet.dev/problems/not-found");
  }

  @Test
  void aWrongMethodIsAMethodNotAllowedProblem() {
    Http.Response response = http.send("DELETE", "/api/v1/browser-types", clientKey("acme"));

    assertProblem(response, 405, "https://browserfleet.dev/problems/method-not-allowed");
    assertThat(response.header("Allow")).contains("GET");
  }

  @Test
  void aJsonContentTypeWithACharsetIsReadAsJson() {
    Http.Response response =
        http.post("/api/v1/jobs", clientKey("acme"), "application/json; charset=utf-8", "{\"browserTypeId\":1,");

    assertProblem(response, 400, "https://browserfleet.dev/problems/malformed-json");
  }

  private static void assertClientError(Http.Response response, String body) {
    String shown = body.length() > 200 ? body.substring(0, 200) + "…" : body;
    assertThat(response.status()).as("%s -> %s", shown, response).isBetween(400, 499);
    assertThat(response.contentType()).as(shown).startsWith("application/problem+json");
    assertThat(response.json().get("type").asString()).as(shown).startsWith("https://browserfleet.dev/problems/");
  }

  private static void assertProblem(Http.Response response, int status, String type) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
    assertThat(response.json().get("type")).as(response.toString()).isNotNull();
    assertThat(response.json().get("type").asString()).isEqualTo(type);
    assertThat(response.json().get("detail")).as(response.toString()).isNotNull();
    assertThat(response.json().get("detail").asString()).isNotBlank();
  }
}
