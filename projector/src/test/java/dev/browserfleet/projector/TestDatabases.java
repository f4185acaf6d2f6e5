package dev.browserfleet.projector;

import dev.browserfleet.testing.SharedInfrastructure;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/** Fresh databases on the shared PostgreSQL of the test JVM, migrated as the projector does. */
public final class TestDatabases {

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

  public static void migrate(DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
  }
}
