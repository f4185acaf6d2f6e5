package dev.browserfleet.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.ingest.support.Http;
import dev.browserfleet.ingest.support.IngestApiIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** OpenAPI, Swagger UI, readiness and the Prometheus series, on the running service. */
class OperationsTest extends IngestApiIntegrationTest {

  @Test
  void theOpenApiDescriptionIsVersion31WithTheEndpointsAndExamples() {
    Http.Response docs = http.get("/v3/api-docs", null);

    assertThat(docs.status()).isEqualTo(200);
    JsonNode api = docs.json();
    assertThat(api.get("openapi").asString()).startsWith("3.1");
    assertThat(api.get("paths").propertyNames())
        .contains("/api/v1/jobs", "/api/v1/jobs/{jobId}/cancel", "/api/v1/jobs/{jobId}/events",
            "/api/v1/admin/api-keys", "/api/v1/admin/url-policies", "/api/v1/stats");
    assertThat(docs.body()).contains("https://example.com/admin/*").contains("\"screenshot\"");
    assertThat(api.get("components").get("securitySchemes").propertyNames()).contains("apiKey", "bearer");
    assertThat(docs.body()).doesNotContain("\"caller\"");
    assertThat(http.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
  }

  @Test
  void readinessCoversTheDatabaseAndKafka() {
    Http.Response readiness = http.get("/actuator/health/readiness", null);

    assertThat(readiness.status()).as(readiness.toString()).isEqualTo(200);
    assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
    assertThat(readiness.json().get("components").propertyNames()).contains("db", "ingestKafkaHealth", "ingestApiHealth");
  }

  @Test
  void prometheusHasTheBrowserfleetSeries() {
    String key = clientKey("acme");
    http.postJson("/api/v1/jobs", key, "{\"browserTypeId\":1,\"targetUrl\":\"" + PUBLIC_URL + "\",\"actions\":[]}");
    http.postJson("/api/v1/jobs", key, "{\"browserTypeId\":1}");

    String metrics = http.get("/actuator/prometheus", null).body();

    assertThat(metrics)
        .contains("browserfleet_submissions_total{outcome=\"accepted\"}")
        .contains("browserfleet_rejections_total")
        .contains("browserfleet_rate_limited_requests_total")
        .contains("browserfleet_queue_depth{lane=\"chromium/normal\"}")
        .contains("browserfleet_queue_depth{lane=\"webkit/high\"}");
  }
}
