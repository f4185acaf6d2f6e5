package dev.browserfleet.projector;

import dev.browserfleet.projector.persistence.ProjectionStore;
import dev.browserfleet.testing.SharedInfrastructure;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/** Fresh databases on the shared PostgreSQL of the test JVM, migrated as the projector does. */
public final class TestDatabases {

  public static final Duration RETENTION = Duration.ofDays(7);
  public static final Duration WORKER_OFFLINE_AFTER = Duration.ofMinutes(1);

  private TestDatabases() {}

  /** A new database, empty. */
  public static PGSimpleDataSource empty(String prefix) {
    var dataSource = new PGSimpleDataSource();
    dataSource.setURL(SharedInfrastructure.newDatabase(prefix));
    dataSource.setUser("postgres");
    dataSource.setPassword("");
    return dataSource;
  }

  /** A new database with every migration of {@code db/migration} applied. */
  public static PGSimpleDataSource migrated(String prefix) {
    var dataSource = empty(prefix);
    migrate(dataSource);
    return dataSource;
  }

  /**
   * The projector's store on {@code dataSource}, with the default retention (7 days), at the time
   * {@code clock} tells.
   */
  public static ProjectionStore store(DataSource dataSource, Clock clock) {
    return new ProjectionStore(dataSource, clock, RETENTION);
  }

  public static void migrate(DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
  }
}
