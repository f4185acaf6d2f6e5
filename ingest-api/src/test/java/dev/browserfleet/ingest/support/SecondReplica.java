package dev.browserfleet.ingest.support;

import dev.browserfleet.ingest.IngestApiApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second ingest-api on the same broker and database as the tests' own, started once per test
 * JVM when a test first asks for it and stopped when the JVM exits: what two replicas share
 * (rate limits, idempotency) is proven against it.
 */
public final class SecondReplica {

  private static ConfigurableApplicationContext context;

  private SecondReplica() {}

  public static synchronized Http http() {
    if (context == null) {
      // Command-line arguments: they outrank the application's own property file, as in production.
      context =
          new SpringApplicationBuilder(IngestApiApplication.class)
              .run(
                  "--server.port=0",
                  "--browserfleet.ingest.admin-key=" + TestEnvironment.ADMIN_KEY,
                  "--spring.kafka.bootstrap-servers=" + TestEnvironment.kafkaBootstrapServers(),
                  "--spring.datasource.url=" + TestEnvironment.jdbcUrl(),
                  "--spring.datasource.username=" + TestEnvironment.DB_USER,
                  "--spring.datasource.password=" + TestEnvironment.DB_PASSWORD,
                  "--browserfleet.artifact-dir=" + TestEnvironment.artifactDir(),
                  "--browserfleet.data-dir=" + TestEnvironment.artifactDir());
      ConfigurableApplicationContext started = context;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "ingest-second-replica-stop"));
      awaitReady(new Http(port()));
    }
    return new Http(port());
  }

  private static int port() {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  // Ready means it has read every API key and policy that was on the topics when it started.
  private static void awaitReady(Http replica) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      Http.Response health = replica.get("/actuator/health", null);
      if (health.status() == 200 && health.body().contains("\"UP\"")) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("the second ingest-api replica did not become healthy");
  }
}
