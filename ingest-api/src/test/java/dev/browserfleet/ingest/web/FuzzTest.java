package dev.browserfleet.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.ingest.support.Http;
import dev.browserfleet.ingest.support.IngestApiIntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Thousands of malformed requests over every route: random methods, ids, query parameters, keys,
 * content types and mutated or random bodies. None may end in a 5xx, and every error that reaches
 * the application is a problem document.
 */
class FuzzTest extends IngestApiIntegrationTest {

  private static final int REQUESTS = 3000;
  private static final long SEED = 20261125L;

  private static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "POST", "GET"};
  private static final String[] ROUTES = {
    "/api/v1/jobs", "/api/v1/jobs/{id}", "/api/v1/jobs/{id}/cancel", "/api/v1/jobs/{id}/artifacts",
    "/api/v1/jobs/{id}/artifacts/{id}", "/api/v1/jobs/{id}/logs", "/api/v1/jobs/{id}/events",
    "/api/v1/browser-types", "/api/v1/browser-types/{id}", "/api/v1/admin/api-keys", "/api/v1/admin/api-keys/{id}",
    "/api/v1/admin/api-keys/{id}/rotate", "/api/v1/admin/url-policies", "/api/v1/admin/url-policies/{id}",
    "/api/v1/admin/browser-types", "/api/v1/admin/browser-types/{id}", "/api/v1/workers", "/api/v1/workers/stats",
    "/api/v1/stats", "/api/v1/{id}", "/api/v2/jobs"
  };
  private static final String[] PARAMS = {
    "status", "browserTypeId", "createdAfter", "createdBefore", "limit", "cursor", "after", "page", "x"
  };
  private static final String[] CONTENT_TYPES = {
    "application/json", "application/json; charset=utf-8", "text/plain", "application/xml", "a/b;c=", "*/*",
    "application/problem+json", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded"
  };
  private static final String[] ACCEPTS = {"*/*", "application/json", "text/html", "image/png", "x/y", "application/*"};
  private static final String[] SAMPLES = {
    "{\"browserTypeId\":1,\"targetUrl\":\"" + PUBLIC_URL + "\",\"actions\":[{\"action\":\"screenshot\",\"fullPage\":true}],"
        + "\"priority\":5,\"timeoutMs\":1000,\"maxRetries\":0,\"waitUntil\":\"load\"}",
    "{\"clientId\":\"fuzz\",\"name\":\"k\",\"rateLimit\":5,\"expiresAt\":\"2030-01-01T00:00:00Z\",\"scopes\":[\"jobs:write\"]}",
    "{\"pattern\":\"*.fuzz.invalid\",\"type\":\"blacklist\",\"description\":\"d\",\"isActive\":false}",
    "{\"name\":\"Fuzz\",\"type\":\"chromium\",\"deviceType\":\"mobile\",\"viewportWidth\":400,\"viewportHeight\":800}"
  };
  private static final String MUTATIONS = "{}[]\":,0123456789-.eE ntfaxy\\\u00e9\u0000\uffff";

  @Test
  void thousandsOfMalformedRequestsNeverGetAServerError() throws Exception {
    String clientKey = clientKey("fuzzer");
    String[] keys = {adminKey(), clientKey, null, "bfk_garbage", "", "Bearer", adminKey() + "x"};
    var random = new Random(SEED);
    var requests = new ArrayList<Request>();
    for (int i = 0; i < REQUESTS; i++) {
      requests.add(aRequest(random, keys));
    }

    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      var futures = new ArrayList<Future<?>>();
      for (Request request : requests) {
        futures.add(pool.submit(() -> check(request, failures)));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(failures).as("requests answered wrongly (first 20 of %d)", failures.size()).isEmpty();
  }

  private void check(Request request, List<String> failures) {
    Http.Response response = http.exchange(request.method(), request.path(), request.headers(), request.body());
    boolean serverError = response.status() >= 500;
    boolean errorWithoutProblem =
        response.status() >= 400
            && !request.method().equals("HEAD")
            && (response.contentType() == null || !response.contentType().startsWith("application/problem+json"));
    if ((serverError || errorWithoutProblem) && failures.size() < 20) {
      failures.add(request + " -> " + response.status() + " " + response.contentType() + " " + abbreviate(response.body()));
    }
  }

  private static Request aRequest(Random random, String[] keys) {
    String method = pick(random, METHODS);
    String route = pick(random, ROUTES);
    var path = new StringBuilder();
    for (String part : route.split("(?=\\{id\\})|(?<=\\{id\\})")) {
      path.append(part.equals("{id}") ? anId(random) : part);
    }
    if (random.nextInt(3) == 0) {
      path.append('?');
      for (int i = 0; i < 1 + random.nextInt(3); i++) {
        path.append(i == 0 ? "" : "&").append(pick(random, PARAMS)).append('=').append(encode(garbage(random, 12)));
      }
    }
    Map<String, String> headers = new HashMap<>();
    String key = pick(random, keys);
    if (key != null) {
      if (random.nextBoolean()) {
        headers.put("X-API-Key", key);
      } else {
        headers.put("Authorization", "Bearer " + key);
      }
    }
    if (random.nextInt(4) > 0) {
      headers.put("Content-Type", pick(random, CONTENT_TYPES));
    }
    if (random.nextInt(5) == 0) {
      headers.put("Accept", pick(random, ACCEPTS));
    }
    if (random.nextInt(6) == 0) {
      headers.put("Idempotency-Key", encode(garbage(random, 20)));
    }
    if (random.nextInt(8) == 0) {
      headers.put("Last-Event-ID", encode(garbage(random, 10)));
    }
    byte[] body = null;
    if (!method.equals("GET") && !method.equals("OPTIONS")) {
      body = random.nextInt(6) == 0 ? randomBytes(random) : mutated(random).getBytes(StandardCharsets.UTF_8);
    }
    return new Request(method, path.toString(), headers, body);
  }

  private static String anId(Random random) {
    return switch (random.nextInt(5)) {
      case 0, 1 -> UUID.randomUUID().toString();
      case 2 -> Long.toString(random.nextLong());
      case 3 -> encode(garbage(random, 1 + random.nextInt(40)));
      default -> UUID.randomUUID().toString().substring(0, 1 + random.nextInt(35));
    };
  }

  private static String mutated(Random random) {
    char[] chars = pick(random, SAMPLES).toCharArray();
    for (int m = 0; m < random.nextInt(5); m++) {
      chars[random.nextInt(chars.length)] = MUTATIONS.charAt(random.nextInt(MUTATIONS.length()));
    }
    return new String(chars);
  }

  private static byte[] randomBytes(Random random) {
    byte[] bytes = new byte[random.nextInt(200)];
    random.nextBytes(bytes);
    return bytes;
  }

  private static String garbage(Random random, int length) {
    var text = new StringBuilder();
    String alphabet = "aZ09-_.~%/\\:?#[]@!$&'()*+,;= \u00e9\u4e2d\"<>{}|^`";
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }

  private static String abbreviate(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }

  private record Request(String method, String path, Map<String, String> headers, byte[] body) {

    @Override
    public String toString() {
      return method + " " + path + " " + headers.keySet() + " body=" + (body == null ? "none" : body.length + "B");
    }
  }
}
