package dev.browserfleet.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.ingest.support.Http;
import dev.browserfleet.ingest.support.IngestApiIntegrationTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Oversized bodies get 413, a malformed id 400, whatever the route; every request has an id. */
@ExtendWith(OutputCaptureExtension.class)
class RequestLimitsTest extends IngestApiIntegrationTest {

  private static final int OVER_LIMIT = 1024 * 1024 + 1;

  @Test
  void aBodyOverTheLimitIsTooLarge() {
    byte[] body = new byte[OVER_LIMIT];
    Arrays.fill(body, (byte) ' ');

    Http.Response response =
        http.exchange("POST", "/api/v1/jobs", Map.of("X-API-Key", clientKey("acme"), "Content-Type", "application/json"), body);

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("type").asString()).isEqualTo("https://browserfleet.dev/problems/payload-too-large");
    assertThat(response.json().get("detail").asString()).contains("1048576 bytes");
  }

  @Test
  void aQueryStringThatIsNotUtf8IsABadRequestNotAServerError() {
    for (String query : new String[] {"%ff%fe=0&limit=20", "limit=%ff%fe", "%00=%ff%fe&cursor=%00"}) {
      Http.Response response =
          http.exchange("GET", "/api/v1/jobs?" + query, Map.of("X-API-Key", clientKey("acme")), new byte[0]);

      assertThat(response.status()).as(query).isEqualTo(400);
      assertThat(response.contentType()).startsWith("application/problem+json");
      assertThat(response.json().get("type").asString()).isEqualTo("https://browserfleet.dev/problems/bad-request");
    }
  }

  @Test
  void aChunkedBodyOverTheLimitIsTooLarge() throws Exception {
    byte[] body = new byte[OVER_LIMIT];
    Arrays.fill(body, (byte) ' ');
    // A stream of unknown length is sent chunked, without Content-Length.
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/jobs"))
            .header("X-API-Key", clientKey("acme"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();

    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
  }

  @Test
  void aChunkedBodyUnderTheLimitIsRead() throws Exception {
    byte[] body = ("{\"browserTypeId\":1,\"targetUrl\":\"" + PUBLIC_URL + "\",\"actions\":[]}").getBytes();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/jobs"))
            .header("X-API-Key", clientKey("acme"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();

    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
  }

  @Test
  void aMalformedIdInAnyPathIsABadRequestNamingIt() {
    String key = clientKey("acme");
    for (String path :
        new String[] {"/api/v1/jobs/123", "/api/v1/jobs/x/artifacts", "/api/v1/jobs/x/logs", "/api/v1/jobs/not-a-uuid/cancel"}) {
      Http.Response response = http.get(path, key);
      if (path.endsWith("cancel")) {
        response = http.post(path, key, null, "");
      }
      assertThat(response.status()).as(path + " " + response).isEqualTo(400);
      assertThat(response.json().get("errors")).as(path + " " + response).isNotNull();
      assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("jobId");
    }
  }

  @Test
  void everyResponseCarriesARequestIdAndItsLogLineNamesItButNeverTheKey(CapturedOutput output) {
    String key = clientKey("acme");
    Http.Response chosen = http.exchange("GET", "/api/v1/browser-types", Map.of("X-API-Key", key, "X-Request-Id", "trace-42"), null);
    Http.Response generated = http.get("/api/v1/browser-types", key);

    assertThat(chosen.header("X-Request-Id")).isEqualTo("trace-42");
    assertThat(generated.header("X-Request-Id")).matches("[0-9a-f-]{36}");
    UUID generatedId = UUID.fromString(generated.header("X-Request-Id"));
    assertThat(generatedId.version()).as("a random UUID").isEqualTo(4);
    assertThat(generatedId.variant()).as("an RFC 9562 UUID").isEqualTo(2);
    assertThat(output.getOut())
        .contains("requestId=trace-42 method=GET path=\"/api/v1/browser-types\" status=200")
        .contains("requestId=" + generated.header("X-Request-Id"))
        .doesNotContain(key);
  }
}
