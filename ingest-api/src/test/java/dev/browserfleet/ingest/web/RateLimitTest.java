package dev.browserfleet.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.ingest.support.Http;
import dev.browserfleet.ingest.support.IngestApiIntegrationTest;
import dev.browserfleet.ingest.support.SecondReplica;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A key's requests per minute hold across replicas: two instances draw from one bucket. */
class RateLimitTest extends IngestApiIntegrationTest {

  @Test
  void aKeyOverItsLimitGets429WithRetryAfterAndRateLimitHeaders() {
    String key = aKeyWithLimit(5);
    var statuses = new ArrayList<Integer>();
    Http.Response last = null;
    for (int i = 0; i < 6; i++) {
      last = http.get("/api/v1/browser-types", key);
      statuses.add(last.status());
    }

    assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 429);
    assertThat(last.contentType()).startsWith("application/problem+json");
    assertThat(last.json().get("type").asString()).isEqualTo("https://browserfleet.dev/problems/rate-limited");
    assertThat(Integer.parseInt(last.header("Retry-After"))).isBetween(1, 60);
    assertThat(last.header("RateLimit-Limit")).isEqualTo("5");
    assertThat(last.header("RateLimit-Remaining")).isEqualTo("0");
    assertThat(Integer.parseInt(last.header("RateLimit-Reset"))).isBetween(1, 60);
  }

  @Test
  void everyClientResponseTellsWhatIsLeft() {
    String key = aKeyWithLimit(50);

    Http.Response first = http.get("/api/v1/browser-types", key);
    Http.Response second = http.get("/api/v1/browser-types", key);

    assertThat(first.header("RateLimit-Limit")).isEqualTo("50");
    assertThat(first.header("RateLimit-Remaining")).isEqualTo("49");
    assertThat(second.header("RateLimit-Remaining")).isEqualTo("48");
  }

  @Test
  void twoReplicasShareOneKeysLimit() {
    int limit = 20;
    String key = aKeyWithLimit(limit);
    Http other = SecondReplica.http();
    // The second replica learns of the key from bf.api-keys; until then it answers 401, which costs no token.
    int firstOnOther = awaitNot401(other, key);
    assertThat(firstOnOther).isEqualTo(200);

    List<Integer> statuses = new ArrayList<>();
    statuses.add(firstOnOther);
    for (int i = 0; i < 2 * limit; i++) {
      statuses.add((i % 2 == 0 ? http : other).get("/api/v1/browser-types", key).status());
    }

    long allowed = statuses.stream().filter(s -> s == 200).count();
    // One token refills every 3 s; the run takes well under that, so at most one more may pass.
    assertThat(allowed).as(statuses.toString()).isBetween((long) limit, (long) limit + 1);
    assertThat(statuses.subList(statuses.size() - 4, statuses.size())).containsOnly(429);
  }

  private String aKeyWithLimit(int limit) {
    Http.Response created =
        http.postJson(
            "/api/v1/admin/api-keys",
            adminKey(),
            "{\"clientId\":\"limited-" + UUID.randomUUID() + "\",\"name\":\"limited\",\"rateLimit\":" + limit + "}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("key").asString();
  }

  private static int awaitNot401(Http replica, String key) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    int status;
    do {
      status = replica.get("/api/v1/browser-types", key).status();
      if (status != 401) {
        return status;
      }
      sleep(50);
    } while (System.nanoTime() < deadline);
    return status;
  }
}
