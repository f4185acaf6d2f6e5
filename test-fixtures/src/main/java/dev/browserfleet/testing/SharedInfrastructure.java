package dev.browserfleet.testing;

import dev.browserfleet.devstack.EmbeddedKafka;
import dev.browserfleet.devstack.EmbeddedPostgresServer;
import dev.browserfleet.devstack.EmbeddedS3Server;
import dev.browserfleet.reaper.Reaper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real Kafka broker, one real PostgreSQL and one real S3-compatible server per test JVM,
 * started on first use and stopped by a shutdown hook (their temp directories with them). Test
 * classes share them, and isolate themselves with their own database ({@link #newDatabase}),
 * bucket ({@link #newBucket}) and topics or group ids.
 */
public final class SharedInfrastructure {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedKafka kafka;
  private static EmbeddedPostgresServer postgres;
  private static EmbeddedS3Server s3;
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

  /**
   * The S3-compatible server (S3Proxy, a process of its own that the JVM's reaper stops even when
   * the JVM is killed), with credentials of its own.
   */
  public static synchronized EmbeddedS3Server s3() {
    if (s3 == null) {
      s3 = EmbeddedS3Server.start(0, root().resolve("s3"), "bf-test", "bf-test-" + java.util.UUID.randomUUID());
    }
    return s3;
  }

  /** A name for a bucket of its own (created by the store that first uses it). */
  public static String newBucket(String prefix) {
    return (prefix.toLowerCase().replaceAll("[^a-z0-9-]", "-") + "-" + DATABASES.incrementAndGet()).replaceAll("^-+", "");
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
        // Removed by this JVM's reaper should the JVM be killed before its shutdown hook runs.
        root = Reaper.ofThisJvm().newDirectory(Path.of(System.getProperty("java.io.tmpdir")), "browserfleet-test");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(SharedInfrastructure::stop, "shared-infra-stop"));
    }
    return root;
  }

  private static synchronized void stop() {
    if (s3 != null) {
      s3.close();
    }
    if (kafka != null) {
      kafka.close();
    }
    if (postgres != null) {
      postgres.close();
    }
    TempDirs.deleteRecursively(root);
  }
}
