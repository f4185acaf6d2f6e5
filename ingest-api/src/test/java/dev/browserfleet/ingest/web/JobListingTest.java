package dev.browserfleet.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.ingest.support.Http;
import dev.browserfleet.ingest.support.IngestApiIntegrationTest;
import dev.browserfleet.ingest.support.ProjectedRows;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** GET /jobs: a client's own jobs, newest first, filtered, in pages joined by cursors. */
class JobListingTest extends IngestApiIntegrationTest {

  private static final LocalDateTime T0 = LocalDateTime.parse("2026-04-01T08:00:00");

  @Test
  void aClientListsOnlyItsOwnJobsNewestFirst() {
    String client = uniqueClient();
    UUID older = rows().job(client).createdAt(T0).insert();
    UUID newer = rows().job(client).createdAt(T0.plusMinutes(1)).insert();
    rows().job(uniqueClient()).createdAt(T0.plusMinutes(2)).insert();

    Http.Response response = http.get("/api/v1/jobs", clientKey(client));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(ids(response.json())).containsExactly(newer, older);
    assertThat(response.json().get("nextCursor").isNull()).isTrue();
    assertThat(response.json().get("items").get(0).get("status").asString()).isEqualTo("completed");
    assertThat(response.json().get("items").get(0).get("createdAt").asString()).isEqualTo("2026-04-01T08:01:00Z");
  }

  @Test
  void cursorsWalkEveryJobExactlyOnce() {
    String client = uniqueClient();
    var expected = new ArrayList<UUID>();
    for (int i = 0; i < 7; i++) {
      // Two jobs per instant: the id breaks the tie, so none is skipped or repeated.
      expected.add(0, rows().job(client).createdAt(T0.plusSeconds(i / 2)).insert());
    }
    var seen = new ArrayList<UUID>();
    String cursor = null;
    int pages = 0;
    do {
      Http.Response page = http.get("/api/v1/jobs?limit=3" + (cursor == null ? "" : "&cursor=" + cursor), clientKey(client));
      assertThat(page.status()).as(page.toString()).isEqualTo(200);
      seen.addAll(ids(page.json()));
      cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asString();
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyInAnyOrderElementsOf(expected).doesNotHaveDuplicates();
  }

  @Test
  void filtersNarrowByStatusBrowserTypeAndCreationTime() {
    String client = uniqueClient();
    UUID pendingMobile = rows().job(client).status("pending").browserTypeId(2).createdAt(T0).insert();
    UUID failed = rows().job(client).status("failed").createdAt(T0.plusHours(1)).insert();
    UUID completed = rows().job(client).createdAt(T0.plusHours(2)).insert();
    String key = clientKey(client);

    assertThat(ids(http.get("/api/v1/jobs?status=pending", key).json())).containsExactly(pendingMobile);
    assertThat(ids(http.get("/api/v1/jobs?browserTypeId=1", key).json())).containsExactly(completed, failed);
    assertThat(ids(http.get("/api/v1/jobs?createdAfter=2026-04-01T08:30:00Z", key).json()))
        .containsExactly(completed, failed);
    assertThat(ids(http.get("/api/v1/jobs?createdAfter=2026-04-01T08:30:00Z&createdBefore=2026-04-01T09:30:00Z", key).json()))
        .containsExactly(failed);
  }

  @Test
  void theAdminListsEveryClientsJobs() {
    UUID first = rows().job(uniqueClient()).createdAt(T0.plusYears(5)).insert();
    UUID second = rows().job(null).createdAt(T0.plusYears(5).plusSeconds(1)).insert();

    Http.Response response = http.get("/api/v1/jobs?createdAfter=2031-01-01T00:00:00Z", adminKey());

    assertThat(ids(response.json())).contains(first, second);
  }

  @Test
  void badParametersAreNamedInOneProblem() {
    Http.Response response =
        http.get("/api/v1/jobs?status=done&limit=101&browserTypeId=x&createdAfter=yesterday&cursor=zzz", clientKey(uniqueClient()));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("errors").valueStream().map(e -> e.get("field").asString()))
        .containsExactlyInAnyOrder("status", "limit", "browserTypeId", "createdAfter", "cursor");
  }

  private ProjectedRows rows() {
    return new ProjectedRows(jdbc);
  }

  private static String uniqueClient() {
    return "lister-" + UUID.randomUUID();
  }

  private static List<UUID> ids(JsonNode page) {
    return page.get("items").valueStream().map(item -> UUID.fromString(item.get("jobId").asString())).toList();
  }
}
