package dev.browserfleet.testing;

import dev.browserfleet.devstack.EmbeddedKafka;
import dev.browserfleet.devstack.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real Kafka broker and one real PostgreSQL per test JVM, started on first use and stopped by
 * a shutdown hook (their temp directories with them). Test classes share them, and isolate
 * themselves with their own database ({@link #newDatabase}) and topics or group ids.
 */
public final class SharedInfrastructure {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedKafka kafka;
  private static EmbeddedPostgresServer postgres;
  private static Path root;

  private SharedInfrastructure() {}

  public static synchronized String kafkaBootstrapServers() {
    if (kafka == null) {
      kafka = EmbeddedKafka.start(0, root().resolve("kafka"));
    }
    return kafka.bootstrapServers();
  }

  public static synchronized EmbeddedPostgresServer postgres() {
    if (postgres == null) {
      postgres = EmbeddedPostgresServer.start(null, 0);
    }
    return postgres;
  }

  /** A new, empty database on the shared server; returns its JDBC URL (user {@code postgres}). */
  public static String newDatabase(String prefix) {
    String name = prefix.toLowerCase().replaceAll("[^a-z0-9_]", "_") + "_" + DATABASES.incrementAndGet();
    postgres().createDatabase(name);
    return postgres().jdbcUrl(name);
  }

  private static synchronized Path root() {
    if (root == null) {
      try {
        root = Files.createTempDirectory("browserfleet-test-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(SharedInfrastructure::stop, "shared-infra-stop"));
    }
    return root;
  }

  private static synchronized void stop() {
    if (kafka != null) {
      kafka.close();
    }
    if (postgres != null) {
      postgres.close();
    }
    TempDirs.deleteRecursively(root);
  }
}
