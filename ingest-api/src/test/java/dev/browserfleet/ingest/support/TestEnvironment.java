package dev.browserfleet.ingest.support;

import dev.browserfleet.testing.SharedInfrastructure;
import dev.browserfleet.testing.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;

/**
 * What the ingest-api runs against in tests, once per test JVM: the shared broker, a database of
 * its own migrated with the projector's scripts (read from its source tree), and an artifact
 * directory. The projector itself does not run: tests write its rows themselves.
 */
public final class TestEnvironment {

  public static final String ADMIN_KEY = "bfa_test-admin-key-for-ingest-api-tests";
  public static final String DB_USER = "postgres";
  public static final String DB_PASSWORD = "";

  private static final String MIGRATIONS = "filesystem:../projector/src/main/resources/db/migration";

  private static String jdbcUrl;
  private static Path artifactDir;

  private TestEnvironment() {}

  public static synchronized String jdbcUrl() {
    if (jdbcUrl == null) {
      String url = SharedInfrastructure.newDatabase("ingest_api");
      Flyway.configure().dataSource(url, DB_USER, DB_PASSWORD).locations(MIGRATIONS).load().migrate();
      jdbcUrl = url;
    }
    return jdbcUrl;
  }

  public static synchronized Path artifactDir() {
    if (artifactDir == null) {
      try {
        artifactDir = Files.createTempDirectory("ingest-api-artifacts-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Path created = artifactDir;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> TempDirs.deleteRecursively(created), "ingest-test-artifacts-cleanup"));
    }
    return artifactDir;
  }

  public static String kafkaBootstrapServers() {
    return SharedInfrastructure.kafkaBootstrapServers();
  }
}
