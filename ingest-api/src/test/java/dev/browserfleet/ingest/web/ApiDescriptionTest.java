package dev.browserfleet.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.ingest.support.Http;
import dev.browserfleet.ingest.support.IngestApiIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The OpenAPI description as a reader meets it: named groups, a summary and the errors of each operation. */
class ApiDescriptionTest extends IngestApiIntegrationTest {

  private static final List<String> TAGS =
      List.of("Jobs", "Artifacts", "Events", "Browser types", "Fleet", "Admin: API keys", "Admin: URL policies");
  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

  @Test
  void everyOperationHasASummaryOneTagFromTheListAndItsErrorAnswersAsProblems() {
    JsonNode api = docs();
    var operations = new ArrayList<String>();

    for (String path : api.get("paths").propertyNames()) {
      JsonNode item = api.get("paths").get(path);
      for (String method : item.propertyNames()) {
        if (!METHODS.contains(method)) {
          continue;
        }
        String name = method.toUpperCase() + " " + path;
        operations.add(name);
        JsonNode operation = item.get(method);
        assertThat(operation.path("summary").asString("")).as("summary of " + name).isNotBlank().doesNotContain("\n");
        assertThat(operation.path("tags")).as("tags of " + name).hasSize(1);
        assertThat(operation.path("tags").get(0).asString()).as("tag of " + name).isIn(TAGS);
        JsonNode responses = operation.path("responses");
        assertThat(responses.propertyNames()).as("answers of " + name).contains("401", "503");
        for (String code : responses.propertyNames()) {
          if (code.startsWith("4") || code.startsWith("5")) {
            assertThat(responses.get(code).path("content").path("application/problem+json").path("schema").path("$ref").asString(""))
                .as(code + " of " + name).isEqualTo("#/components/schemas/Problem");
            assertThat(responses.get(code).path("description").asString("")).as(code + " of " + name).isNotBlank();
          }
        }
      }
    }

    assertThat(operations).hasSizeGreaterThan(20).contains("GET /api/v1/jobs/{jobId}/artifacts/{artifactId}");
    assertThat(api.get("tags").findValuesAsString("name")).containsExactlyElementsOf(TAGS);
  }

  @Test
  void operationsNameTheirOwnErrorsAndAdminOnesSayTheAdminKeyIsNeeded() {
    JsonNode paths = docs().get("paths");

    assertThat(paths.get("/api/v1/jobs/{jobId}/cancel").get("post").get("responses").propertyNames())
        .contains("202", "400", "404", "409", "403", "429");
    assertThat(paths.get("/api/v1/jobs").get("post").get("responses").propertyNames()).contains("202", "400", "413", "415");
    JsonNode revoke = paths.get("/api/v1/admin/api-keys/{id}").get("delete").get("responses");
    assertThat(revoke.get("403").get("description").asString()).contains("admin key");
    assertThat(revoke.has("429")).as("the admin key has no rate limit").isFalse();
    assertThat(paths.get("/api/v1/jobs/{jobId}/artifacts/{artifactId}").get("get").get("tags").get(0).asString())
        .isEqualTo("Artifacts");
    assertThat(paths.get("/api/v1/jobs/{jobId}/events").get("get").get("tags").get(0).asString()).isEqualTo("Events");
  }

  @Test
  void readingAJobShowsACompleteCompletedJob() {
    JsonNode example =
        docs().get("paths").get("/api/v1/jobs/{jobId}").get("get").get("responses").get("200").get("content")
            .get("application/json").get("examples").get("completed").get("value");

    assertThat(example.get("status").asString()).isEqualTo("completed");
    assertThat(example.get("actions")).hasSize(4);
    assertThat(example.get("result").get("actions")).hasSize(4);
    assertThat(example.get("result").get("data").get("heading").asString()).isNotBlank();
    assertThat(example.get("artifacts")).hasSize(2);
    for (String field : List.of("jobId", "browserTypeId", "targetUrl", "waitUntil", "priority", "retryCount", "maxRetries",
        "timeoutMs", "createdAt", "startedAt", "completedAt", "updatedAt")) {
      assertThat(example.has(field)).as(field).isTrue();
    }
  }

  private JsonNode docs() {
    Http.Response docs = http.get("/v3/api-docs", null);
    assertThat(docs.status()).isEqualTo(200);
    return docs.json();
  }
}
