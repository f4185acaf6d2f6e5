package dev.browserfleet.ingest.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.ingest.IngestApiApplication;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Base of the tests that drive the running service over HTTP. Every subclass has the same
 * configuration, so Spring's test context cache starts the application once per test JVM.
 */
@SpringBootTest(
    classes = IngestApiApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "browserfleet.ingest.admin-key=" + TestEnvironment.ADMIN_KEY,
      "browserfleet.allow-private-targets=false",
      "browserfleet.ingest.publish-timeout=10s",
      "browserfleet.ingest.usage-flush-interval=200ms",
      "management.endpoint.health.show-details=always"
    })
public abstract class IngestApiIntegrationTest {

  /** A public address given as a literal, so no test depends on DNS. */
  protected static final String PUBLIC_URL = "http://93.184.215.14/";

  // Client keys created through the admin API, once per JVM, by client id.
  private static final Map<String, String> CLIENT_KEYS = new ConcurrentHashMap<>();

  @LocalServerPort protected int port;
  @Autowired protected JdbcClient jdbc;
  protected Http http;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", TestEnvironment::kafkaBootstrapServers);
    registry.add("spring.datasource.url", TestEnvironment::jdbcUrl);
    registry.add("spring.datasource.username", () -> TestEnvironment.DB_USER);
    registry.add("spring.datasource.password", () -> TestEnvironment.DB_PASSWORD);
    registry.add("browserfleet.artifact-dir", () -> TestEnvironment.artifactDir().toString());
    // Tomcat's work directory goes under the data dir: a temp dir, removed when the JVM exits.
    registry.add("browserfleet.data-dir", () -> TestEnvironment.artifactDir().toString());
  }

  @BeforeEach
  void connectAndAwaitReadiness() {
    http = new Http(port);
    awaitHealthUp();
  }

  /** A working API key of {@code clientId}, created through the admin endpoint. */
  protected String clientKey(String clientId) {
    return CLIENT_KEYS.computeIfAbsent(
        clientId,
        id -> {
          var created =
              http.postJson(
                  "/api/v1/admin/api-keys",
                  TestEnvironment.ADMIN_KEY,
                  "{\"clientId\":\"" + id + "\",\"name\":\"test key of " + id + "\",\"rateLimit\":1000000}");
          assertThat(created.status()).as(created.toString()).isEqualTo(201);
          return created.json().get("key").asString();
        });
  }

  protected static String adminKey() {
    return TestEnvironment.ADMIN_KEY;
  }

  private void awaitHealthUp() {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Http.Response health;
    do {
      health = http.get("/actuator/health", null);
      if (health.status() == 200 && health.body().contains("\"UP\"")) {
        return;
      }
      sleep(100);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("the ingest-api did not become healthy: " + health);
  }

  protected static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
